package org.sirgiving.testinfra;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Like {@link PostgresDatabaseResource}, but the application reaches the database through a {@link TcpProxy} the
 * test can cut ({@link #proxy()}): a database outage for this application only.
 */
public class ProxiedPostgresDatabaseResource extends PostgresDatabaseResource {
    private static TcpProxy proxy;

    public static TcpProxy proxy() {
        return proxy;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> direct = super.start();
        try {
            proxy = new TcpProxy(HOST, Integer.parseInt(PORT));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String target = HOST + ":" + PORT;
        String via = "127.0.0.1:" + proxy.port();
        Map<String, String> config = new HashMap<>(direct);
        // Flyway migrates directly; the application's reactive pool goes through the proxy.
        config.put(
                "quarkus.datasource.reactive.url",
                direct.get("quarkus.datasource.reactive.url").replace(target, via));
        return config;
    }

    @Override
    public void stop() {
        try {
            if (proxy != null) {
                proxy.close();
            }
        } catch (IOException ignored) {
            // test teardown
        }
        super.stop();
    }
}
