package org.sirgiving.rewards.repository;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.smallrye.mutiny.Uni;
import org.sirgiving.kernel.http.Page;

/** One page of a query and the total it pages through ({@code page} counts from 1, as the API does). */
final class PageQueries {
    static <T> Uni<Page<T>> page(PanacheQuery<T> query, int page, int limit) {
        return query.page(page - 1, limit)
                .list()
                .chain(rows -> query.count().map(total -> new Page<>(rows, page, limit, total)));
    }

    private PageQueries() {}
}
