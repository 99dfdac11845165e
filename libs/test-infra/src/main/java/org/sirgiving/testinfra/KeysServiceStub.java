package org.sirgiving.testinfra;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * For the tests of one service alone: keys-service's internal endpoints. The credential lookup answers "no such
 * key" (404) the way keys-service does for a key it never issued; rate leases are granted in full. Known keys reach the service under test through the credentials
 * topic ({@link TestPartners}); the suite's end-to-end tests use the real keys-service.
 */
public class KeysServiceStub implements QuarkusTestResourceLifecycleManager {
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/internal/v1/credentials", exchange -> {
            byte[] body = "{\"statusCode\":404,\"code\":\"NOT_FOUND\",\"message\":\"Credential not found\"}".getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        // keys-service's rate budget, unlimited here: the service under test gets every chunk it asks for.
        server.createContext("/internal/v1/rate-leases", exchange -> {
            int requested = org.sirgiving.events.EventJson.MAPPER.readTree(exchange.getRequestBody()).path("requested").asInt(1);
            byte[] body = ("{\"granted\":" + requested + ",\"windowTotal\":" + requested + "}").getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return Map.of("sir.keys-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
