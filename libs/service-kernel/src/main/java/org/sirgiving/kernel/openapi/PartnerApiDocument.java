package org.sirgiving.kernel.openapi;

import static org.sirgiving.kernel.openapi.OpenApiNames.*;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.sirgiving.kernel.errors.ErrorCode;
import org.sirgiving.kernel.http.Page;

/**
 * What every public operation of every service has in common, written once (docs/partner-api.md sections 3, 8, 9):
 * the security schemes, the {@code ApiError} body, the headers, and the generic error responses an auth surface,
 * a request body or a dependency implies. An operation states its surface with {@link OpenApiNames#AUTH}; this filter
 * turns that into its security requirement and adds each generic response the operation does not declare itself.
 * Registered by {@code mp.openapi.filter} in the kernel's configuration, so each service's {@code /q/openapi} (and
 * the merged partner document built from them) carries it.
 */
public class PartnerApiDocument implements OASFilter {
    static final String SIGNING_RULE = """
            Signed requests carry three headers: `X-Partner-Key` (your `pk_…` or `sk_…` key), `X-Timestamp` (Unix \
            seconds, accepted within ±300 s of server time) and `X-Signature`:

                bodyHash      = lowercase hex SHA-256 of the raw request body bytes (empty body: e3b0c442…b855)
                signedPayload = X-Timestamp + METHOD + pathWithQuery + bodyHash   (plain concatenation)
                X-Signature   = lowercase hex HMAC-SHA256(key = ASCII bytes of hmacSecret, message = signedPayload)

            `pathWithQuery` is the path and query exactly as sent, without scheme and host. Sign every request, \
            retries included, with a fresh timestamp. Writes need the secret key (`sk_…`); a publishable key there \
            answers 403 `SECRET_KEY_REQUIRED`.""";

    static final String CORS_RULE = """
            Widget calls may come from a browser page: a CORS preflight (`OPTIONS` with `Origin` and \
            `Access-Control-Request-Method`) on any `/v1/partner/` path is answered 204 with \
            `Access-Control-Allow-Origin: <origin>`, `Access-Control-Allow-Methods: GET, POST`, \
            `Access-Control-Allow-Headers: X-Partner-Key, Content-Type, Idempotency-Key` and \
            `Access-Control-Max-Age: 600` (it carries no key, so it is the same for everyone). The call itself is \
            allowed when its `Origin` is one of the `allowedOrigins` of the key's environment (`PATCH \
            /v1/partner/config`; exact `scheme://host[:port]`), or, for a sandbox key while that list is empty, a \
            loopback page (`http://localhost:*`, `http://127.0.0.1:*`); its answer then carries \
            `Access-Control-Allow-Origin`, `Vary: Origin` and `Access-Control-Expose-Headers`. Any other origin is \
            answered 403 `ORIGIN_NOT_ALLOWED` (readable by the page). A call without `Origin` (your server, curl) \
            is not a CORS request and is not checked.""";

    private static final List<String> CORS_HEADERS = List.of(HEADER_ALLOW_ORIGIN, HEADER_VARY, HEADER_EXPOSE_HEADERS);

    private static final Set<PathItem.HttpMethod> MUTATING = Set.of(
            PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT, PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        addSecuritySchemes(components);
        addSchemas(components);
        addHeaders(components);
        addResponses(components);
        addPagingParameters(components);
        if (components.getSchemas() != null) {
            components.getSchemas().values().forEach(PartnerApiDocument::nullableReferences);
        }
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (item.getOperations() == null) {
                return;
            }
            item.getOperations().forEach((method, operation) -> completeOperation(method, operation));
        });
    }

    private static void completeOperation(PathItem.HttpMethod method, Operation operation) {
        Object auth = operation.getExtensions() == null
                ? null
                : operation.getExtensions().get(AUTH);
        if (auth != null) {
            operation.removeExtension(AUTH);
        }
        String surface = auth == null ? null : auth.toString();
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        boolean partnerSurface = WIDGET.equals(surface) || SIGNED.equals(surface) || SECRET_KEY.equals(surface);
        boolean jwtSurface = USER_JWT.equals(surface) || OPERATOR_JWT.equals(surface);
        if (surface != null) {
            operation.setSecurity(requirements(surface));
        }
        boolean takesInput = operation.getRequestBody() != null
                || (operation.getParameters() != null
                        && !operation.getParameters().isEmpty());
        if (takesInput) {
            addUnlessDeclared(responses, "400", BAD_REQUEST);
        }
        if (operation.getRequestBody() != null) {
            addUnlessDeclared(responses, "413", PAYLOAD_TOO_LARGE);
            addUnlessDeclared(responses, "415", UNSUPPORTED_MEDIA_TYPE);
        }
        if (partnerSurface || jwtSurface) {
            addUnlessDeclared(responses, "401", UNAUTHORIZED);
            addUnlessDeclared(responses, "403", FORBIDDEN);
        }
        if (partnerSurface) {
            addUnlessDeclared(responses, "429", RATE_LIMITED);
        }
        if ((SIGNED.equals(surface) || SECRET_KEY.equals(surface)) && MUTATING.contains(method)) {
            // ReplayGuard: a signed write accepted once answers its exact replay 409 REQUEST_REPLAYED.
            addUnlessDeclared(responses, "409", CONFLICT);
        }
        addUnlessDeclared(responses, "503", SERVICE_UNAVAILABLE);
        // Every answer carries X-Request-Id; every answer to a known partner carries the rate-limit headers.
        responses.getAPIResponses().forEach((status, response) -> {
            if (response.getRef() != null) {
                return; // the component response lists its own headers
            }
            addHeaderRef(response, HEADER_REQUEST_ID);
            if (partnerSurface) {
                addHeaderRef(response, HEADER_RATE_LIMIT);
                addHeaderRef(response, HEADER_RATE_REMAINING);
                addHeaderRef(response, HEADER_RATE_RESET);
            }
            if (WIDGET.equals(surface)) {
                CORS_HEADERS.forEach(h -> addHeaderRef(response, h));
            }
        });
    }

    /**
     * SmallRye writes a nullable reference as {@code type: object} beside {@code anyOf: [$ref, {type: "null"}]};
     * under 3.1 that type refuses the null the anyOf allows, so the type goes (the anyOf says it all).
     */
    private static void nullableReferences(Schema schema) {
        if (schema == null) {
            return;
        }
        if (schema.getAnyOf() != null
                && schema.getType() != null
                && schema.getAnyOf().stream()
                        .anyMatch(s -> s.getType() != null && s.getType().equals(List.of(Schema.SchemaType.NULL)))) {
            schema.setType(null);
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(PartnerApiDocument::nullableReferences);
        }
        nullableReferences(schema.getItems());
    }

    private static List<SecurityRequirement> requirements(String surface) {
        if (WIDGET.equals(surface)) {
            // The publishable key alone; a signed request (pk_ or sk_) is accepted there too.
            return List.of(requirement(WIDGET), requirement(SIGNED));
        }
        return List.of(requirement(surface));
    }

    private static SecurityRequirement requirement(String surface) {
        SecurityRequirement r = OASFactory.createSecurityRequirement();
        switch (surface) {
            case WIDGET -> r.addScheme(SCHEME_PARTNER_KEY);
            case SIGNED, SECRET_KEY ->
                r.addScheme(SCHEME_PARTNER_KEY).addScheme(SCHEME_TIMESTAMP).addScheme(SCHEME_SIGNATURE);
            case USER_JWT -> r.addScheme(SCHEME_USER_JWT);
            case OPERATOR_JWT -> r.addScheme(SCHEME_OPERATOR_JWT);
            default ->
                throw new IllegalArgumentException(
                        AUTH + " must be one of widget, signed, secret-key, user-jwt, operator-jwt; was " + surface);
        }
        return r;
    }

    private static void addUnlessDeclared(APIResponses responses, String status, String component) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(component));
        }
    }

    private static void addHeaderRef(APIResponse response, String header) {
        if (response.getHeaders() == null || !response.getHeaders().containsKey(header)) {
            response.addHeader(header, OASFactory.createHeader().ref(header));
        }
    }

    private static void addSecuritySchemes(Components c) {
        c.addSecurityScheme(
                SCHEME_PARTNER_KEY,
                apiKeyHeader(
                        "X-Partner-Key",
                        "Your API key. The publishable key (`pk_test_…`/`pk_live_…`) alone authenticates widget calls;"
                                + " every other partner call is also signed (`Timestamp`, `Signature`).\n\n"
                                + CORS_RULE));
        c.addSecurityScheme(
                SCHEME_TIMESTAMP,
                apiKeyHeader(
                        "X-Timestamp", "Unix seconds of the request, a digit string; within ±300 s of server time."));
        c.addSecurityScheme(SCHEME_SIGNATURE, apiKeyHeader("X-Signature", SIGNING_RULE));
        c.addSecurityScheme(
                SCHEME_USER_JWT,
                bearer("The signed-in partner user's JWT, for managing API keys (`/v1/partner/keys`)."));
        c.addSecurityScheme(
                SCHEME_OPERATOR_JWT, bearer("An SIR Giving operator's JWT (`/v1/admin/…`); not for partners."));
    }

    private static SecurityScheme apiKeyHeader(String name, String description) {
        return OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER)
                .name(name)
                .description(description);
    }

    private static SecurityScheme bearer(String description) {
        return OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .bearerFormat("JWT")
                .description(description);
    }

    private static void addSchemas(Components c) {
        c.addSchema(
                SCHEMA_API_FIELD_ERROR,
                object().description("One invalid field of a request.")
                        .addProperty("field", string().description("The field's JSON name, dotted for nested ones."))
                        .addProperty("message", string().description("What is wrong with it."))
                        .required(List.of("field", "message")));
        List<Object> codes = Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toList());
        c.addSchema(
                SCHEMA_API_ERROR,
                object().description("Every error answer (docs/partner-api.md section 9). Branch on `code`, never on"
                                + " `message`.")
                        .addProperty(
                                "statusCode",
                                OASFactory.createSchema()
                                        .addType(Schema.SchemaType.INTEGER)
                                        .format("int32")
                                        .description("The HTTP status, repeated."))
                        .addProperty(
                                "code",
                                string().enumeration(codes)
                                        .description("What went wrong, stable and machine-readable."))
                        .addProperty("message", string().description("For people; may change without notice."))
                        .addProperty(
                                "requestId",
                                string().description("The request's id (also the X-Request-Id header); quote it to"
                                        + " support."))
                        .addProperty(
                                "details",
                                OASFactory.createSchema()
                                        .addType(Schema.SchemaType.ARRAY)
                                        .items(OASFactory.createSchema().ref(SCHEMA_API_FIELD_ERROR))
                                        .description("The invalid fields, for VALIDATION_FAILED."))
                        .addProperty(
                                "result",
                                OASFactory.createSchema()
                                        .description("For IDEMPOTENT: the original answer to the first request"
                                                + " with this key."))
                        .required(List.of("statusCode", "code", "message", "requestId")));
    }

    private static Schema object() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT);
    }

    private static Schema string() {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    }

    /** {@code ?page=&limit=} of every list, with the bounds {@link Page.Request} enforces. */
    private static void addPagingParameters(Components c) {
        c.addParameter(
                PAGE,
                OASFactory.createParameter()
                        .name("page")
                        .in(Parameter.In.QUERY)
                        .description("The page, from 1.")
                        .schema(OASFactory.createSchema()
                                .addType(Schema.SchemaType.INTEGER)
                                .minimum(BigDecimal.ONE)
                                .maximum(BigDecimal.valueOf(Page.Request.MAX_PAGE))
                                .defaultValue(1)));
        c.addParameter(
                LIMIT,
                OASFactory.createParameter()
                        .name("limit")
                        .in(Parameter.In.QUERY)
                        .description("Items per page.")
                        .schema(OASFactory.createSchema()
                                .addType(Schema.SchemaType.INTEGER)
                                .minimum(BigDecimal.ONE)
                                .maximum(BigDecimal.valueOf(Page.Request.MAX_LIMIT))
                                .defaultValue(Page.Request.DEFAULT_LIMIT)));
    }

    private static void addHeaders(Components c) {
        c.addHeader(
                HEADER_REQUEST_ID,
                header("The request's id (`req_…`), on every answer; quote it to support.", string()));
        Schema integer = OASFactory.createSchema().addType(Schema.SchemaType.INTEGER);
        c.addHeader(HEADER_RATE_LIMIT, header("Requests allowed per minute for this partner.", integer));
        c.addHeader(
                HEADER_RATE_REMAINING,
                header("Requests left in the current minute (an estimate across replicas).", integer));
        c.addHeader(HEADER_RATE_RESET, header("Unix seconds when the current minute's budget resets.", integer));
        c.addHeader(HEADER_RETRY_AFTER, header("Seconds to wait before retrying.", integer));
        c.addHeader(
                HEADER_ALLOW_ORIGIN,
                header(
                        "On a widget call from a browser page whose origin is allowed (see the `PartnerKey` scheme):"
                                + " that origin.",
                        string()));
        c.addHeader(HEADER_VARY, header("`Origin` on a widget call from an allowed browser origin.", string()));
        c.addHeader(
                HEADER_EXPOSE_HEADERS,
                header(
                        "On a widget call from an allowed browser origin: the headers the page's script may read"
                                + " (`X-Request-Id`, the rate-limit headers, `Retry-After`, `Idempotent-Replayed`).",
                        string()));
        c.addHeader(
                HEADER_IDEMPOTENT_REPLAYED,
                header(
                        "`true` when this answer replays the result of an earlier request with the same idempotency"
                                + " key.",
                        string().enumeration(List.of("true"))));
    }

    private static Header header(String description, Schema schema) {
        return OASFactory.createHeader().description(description).schema(schema);
    }

    private static void addResponses(Components c) {
        Map<String, ResponseSpec> specs = new LinkedHashMap<>();
        specs.put(BAD_REQUEST, new ResponseSpec(400, "The request is malformed or invalid.", List.of()));
        specs.put(UNAUTHORIZED, new ResponseSpec(401, "Not authenticated.", List.of()));
        specs.put(PAYMENT_REQUIRED, new ResponseSpec(402, "The token pool cannot cover this.", List.of()));
        specs.put(FORBIDDEN, new ResponseSpec(403, "Authenticated, but not allowed.", List.of()));
        specs.put(NOT_FOUND, new ResponseSpec(404, "No such object for this partner and environment.", List.of()));
        specs.put(CONFLICT, new ResponseSpec(409, "Conflicts with an earlier request.", List.of(HEADER_RETRY_AFTER)));
        specs.put(PAYLOAD_TOO_LARGE, new ResponseSpec(413, "The body is over 64 KiB.", List.of()));
        specs.put(UNSUPPORTED_MEDIA_TYPE, new ResponseSpec(415, "The body is not `application/json`.", List.of()));
        specs.put(UNPROCESSABLE, new ResponseSpec(422, "Understood, but cannot be done.", List.of()));
        specs.put(
                RATE_LIMITED,
                new ResponseSpec(
                        429,
                        "Over the partner's rate limit; retry after `Retry-After` seconds.",
                        List.of(HEADER_RETRY_AFTER)));
        specs.put(
                SERVICE_UNAVAILABLE,
                new ResponseSpec(
                        503,
                        "A dependency is down; nothing was done. Retry after `Retry-After` seconds.",
                        List.of(HEADER_RETRY_AFTER)));
        specs.forEach((name, spec) -> {
            List<String> codes = Arrays.stream(ErrorCode.values())
                    .filter(code -> code.status() == spec.status())
                    .map(code -> "`" + code.name() + "`")
                    .toList();
            APIResponse response = OASFactory.createAPIResponse()
                    .description(spec.description() + " Codes: " + String.join(", ", codes) + ".")
                    .content(errorContent(
                            spec.status(), codes.isEmpty() ? "" : codes.get(0).replace("`", "")));
            List<String> headers = new ArrayList<>(
                    List.of(HEADER_REQUEST_ID, HEADER_RATE_LIMIT, HEADER_RATE_REMAINING, HEADER_RATE_RESET));
            headers.addAll(spec.headers());
            // Shared by every surface; on a widget call from an allowed browser origin they carry CORS too.
            headers.addAll(CORS_HEADERS);
            headers.forEach(h -> addHeaderRef(response, h));
            c.addResponse(name, response);
        });
    }

    private static Content errorContent(int status, String code) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("statusCode", status);
        example.put("code", code);
        example.put("message", "…");
        example.put("requestId", "req_3f9a0c1b2d4e5f6a7b8c9d0e");
        return OASFactory.createContent()
                .addMediaType(
                        "application/json",
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref(SCHEMA_API_ERROR))
                                .example(example));
    }

    private record ResponseSpec(int status, String description, List<String> headers) {}
}
