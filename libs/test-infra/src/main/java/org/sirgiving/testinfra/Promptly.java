package org.sirgiving.testinfra;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;

/**
 * Requests that must be answered within a few seconds: the client gives up (the test fails with a socket timeout)
 * instead of waiting as long as a hung server would keep it.
 */
public final class Promptly {
    public static final int TIMEOUT_MILLIS = 5_000;

    public static RestAssuredConfig config() {
        return RestAssuredConfig.config()
                .httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.connection.timeout", TIMEOUT_MILLIS)
                        .setParam("http.socket.timeout", TIMEOUT_MILLIS));
    }

    public static RequestSpecification given() {
        return RestAssured.given().config(config());
    }

    private Promptly() {}
}
