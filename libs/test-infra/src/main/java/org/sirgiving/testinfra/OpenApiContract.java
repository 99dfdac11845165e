package org.sirgiving.testinfra;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.sirgiving.openapicontract.OpenApiDocumentCheck;

/**
 * Holds every answer a test receives from a public path ({@code /v1/…}) to the OpenAPI document (libs/openapi-contract
 * {@link OpenApiDocumentCheck}: an undocumented status, body field or header fails the test that caused it).
 *
 * <p>A JUnit extension, auto-registered (META-INF/services) where a module sets
 * {@code junit.jupiter.extensions.autodetection.enabled=true}; it installs one global REST Assured filter. The
 * document is the app's own {@code /q/openapi} (a service's tests), or the file named by the system property or
 * JUnit configuration parameter {@code sir.openapi.document}.
 */
public final class OpenApiContract implements BeforeAllCallback {
    public static final String DOCUMENT_PROPERTY = "sir.openapi.document";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, OpenApiDocumentCheck> DOCUMENTS = new ConcurrentHashMap<>();

    private static volatile boolean installed;

    @Override
    public void beforeAll(ExtensionContext context) throws ReflectiveOperationException {
        String document =
                context.getConfigurationParameter(DOCUMENT_PROPERTY).orElse(System.getProperty(DOCUMENT_PROPERTY));
        // A @QuarkusTest class lives in Quarkus's own class loader, with its own REST Assured statics: install there.
        ClassLoader loader = context.getRequiredTestClass().getClassLoader();
        Class.forName(OpenApiContract.class.getName(), true, loader)
                .getMethod("install", String.class)
                .invoke(null, document);
    }

    /** Installs the filter once per class loader; {@code documentFile} null means each app's own {@code /q/openapi}. */
    public static synchronized void install(String documentFile) {
        if (installed) {
            return;
        }
        RestAssured.filters(new ContractFilter(Optional.ofNullable(documentFile)));
        installed = true;
    }

    private static final class ContractFilter implements Filter {
        private final Optional<String> documentFile;

        ContractFilter(Optional<String> documentFile) {
            this.documentFile = documentFile;
        }

        @Override
        public Response filter(
                FilterableRequestSpecification request, FilterableResponseSpecification spec, FilterContext ctx) {
            ServerLog.ensureInstalled();
            Response response = ctx.next(request, spec);
            URI uri = URI.create(request.getURI());
            String path = uri.getRawPath();
            if (!path.startsWith("/v1/")) {
                return response;
            }
            OpenApiDocumentCheck document = DOCUMENTS.computeIfAbsent(
                    documentFile.orElse(uri.getScheme() + "://" + uri.getAuthority()), OpenApiContract::load);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            response.getHeaders()
                    .forEach(h -> headers.computeIfAbsent(h.getName(), n -> new ArrayList<>())
                            .add(h.getValue()));
            try {
                document.assertDocumented(
                        request.getMethod(), path, response.statusCode(), headers, response.asString());
            } catch (AssertionError e) {
                if (response.statusCode() < 500) {
                    throw e;
                }
                String requestId = response.getHeader("X-Request-Id");
                throw new AssertionError(
                        e.getMessage() + "\nwhat the service logged about it:\n" + ServerLog.about(requestId), e);
            }
            return response;
        }
    }

    private static OpenApiDocumentCheck load(String source) {
        try {
            return OpenApiDocumentCheck.of(
                    source.startsWith("http")
                            ? HTTP.send(
                                            HttpRequest.newBuilder(URI.create(source + "/q/openapi?format=JSON"))
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .body()
                            : Files.readString(Path.of(source)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the OpenAPI document " + source, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
