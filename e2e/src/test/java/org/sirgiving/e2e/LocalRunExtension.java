package org.sirgiving.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives every end-to-end test class the same running suite: started by the first class that needs it, stopped
 * (down --purge) when the whole test run ends.
 */
public class LocalRunExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalRun.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(
                        LocalRun.class,
                        k -> {
                            try {
                                return LocalRun.up();
                            } catch (Exception e) {
                                throw new IllegalStateException("deploy/local/up failed", e);
                            }
                        },
                        LocalRun.class);
    }
}
