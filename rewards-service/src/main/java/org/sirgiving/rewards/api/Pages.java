package org.sirgiving.rewards.api;

import java.util.function.Function;
import org.sirgiving.kernel.http.Page;

/** A page of domain objects shown as views. */
final class Pages {
    static <T, V> Page<V> of(Page<T> page, Function<T, V> view) {
        return new Page<>(page.data().stream().map(view).toList(), page.page(), page.limit(), page.total());
    }

    private Pages() {}
}
