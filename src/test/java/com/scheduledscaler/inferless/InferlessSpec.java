package com.scheduledscaler.inferless;

import static org.junit.jupiter.api.Assertions.fail;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks requests against {@code inferless-openapi.yml} (a copy of {@code shared/inferless-openapi.yml}
 * in the test resources): path, method, headers and body, with unknown or null fields as errors.
 */
public final class InferlessSpec {

    private static final OpenApiInteractionValidator VALIDATOR = new OpenApiInteractionValidator.Builder()
            .withApi(withGlobalSecurityOnEveryOperation(read("/inferless-openapi.yml")))
            .withStrictOperationPathMatching()
            .build();

    private InferlessSpec() {}

    public static ValidationReport validate(String method, String path, String authorization, String body) {
        var request = new SimpleRequest.Builder(method, path).withContentType("application/json");
        if (authorization != null) {
            request.withHeader("Authorization", authorization);
        }
        if (body != null) {
            request.withBody(body);
        }
        return VALIDATOR.validateRequest(request.build());
    }

    /** Fails with every violation of every request that WireMock received. */
    public static void assertAllRequestsConform(WireMock wiremock) {
        List<LoggedRequest> requests = wiremock.find(WireMock.anyRequestedFor(WireMock.anyUrl()));
        String violations = requests.stream()
                .map(request -> {
                    ValidationReport report = validate(request.getMethod().getName(), request.getUrl(),
                            request.getHeader("Authorization"), request.getBodyAsString());
                    return report.hasErrors()
                            ? request.getMethod() + " " + request.getUrl() + " " + request.getBodyAsString() + ": "
                                    + report.getMessages()
                            : "";
                })
                .filter(line -> !line.isEmpty())
                .collect(Collectors.joining("\n"));
        if (!violations.isEmpty()) {
            fail("Requests that do not conform to inferless-openapi.yml:\n" + violations);
        }
    }

    /**
     * OpenAPI applies the top-level {@code security} to every operation without its own; the validator
     * only looks at the operation's, so copy it there.
     */
    private static OpenAPI withGlobalSecurityOnEveryOperation(String spec) {
        var options = new ParseOptions();
        options.setResolve(true);
        OpenAPI api = new OpenAPIV3Parser().readContents(spec, null, options).getOpenAPI();
        api.getPaths().values().stream()
                .flatMap(path -> path.readOperations().stream())
                .filter(operation -> operation.getSecurity() == null)
                .forEach(operation -> operation.setSecurity(api.getSecurity()));
        return api;
    }

    private static String read(String resource) {
        try (InputStream in = InferlessSpec.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
