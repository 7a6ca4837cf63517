package com.scheduledscaler.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place that turns exceptions into {@code application/problem+json}: what was wrong and where,
 * never a stack trace or a class name.
 */
class ProblemMapper {

    static final String PROBLEM_JSON = "application/problem+json";

    @ServerExceptionMapper
    Response apiProblem(ApiProblem problem) {
        return respond(problem.status(), problem.title(), problem.getMessage(), problem.violations());
    }

    @ServerExceptionMapper
    Response constraintViolation(ConstraintViolationException e) {
        List<ApiProblem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new ApiProblem.Violation(leaf(v.getPropertyPath().toString()), null, v.getMessage()))
                .sorted(java.util.Comparator.comparing(ApiProblem.Violation::field))
                .toList();
        return respond(400, "Bad request", violations.stream().map(v -> v.field() + ": " + v.message())
                .collect(Collectors.joining("; ")), violations);
    }

    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class})
    Response unreadableBody(JsonProcessingException e) {
        String where = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? mapping.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining(".")).replace(".[", "[")
                : null;
        String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
        String detail = (where == null ? "the request body is not valid JSON" : "field '" + where + "' has a wrong value") + at;
        return respond(400, "Bad request", detail,
                where == null ? List.of() : List.of(new ApiProblem.Violation(where, null, "wrong type or format")));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    Response unauthenticated(RuntimeException e) {
        return Response.fromResponse(respond(401, "Unauthorized",
                        "credentials are missing or wrong: use HTTP Basic with an admin API user", List.of()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"scheduled-scaler\"").build();
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e) {
        return respond(403, "Forbidden", "your role does not allow this", List.of());
    }

    @ServerExceptionMapper
    Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Error" : type.getReasonPhrase();
        return respond(status, title, status == 404 ? "no such resource" : title.toLowerCase(), List.of());
    }

    @ServerExceptionMapper(priority = 10_000)
    Response unexpected(Throwable e) {
        String id = UUID.randomUUID().toString();
        Log.errorf(e, "Unexpected error %s", id);
        return respond(500, "Internal error", "an unexpected error occurred; the log has it under id " + id, List.of());
    }

    private static Response respond(int status, String title, String detail, List<ApiProblem.Violation> violations) {
        return Response.status(status).type(PROBLEM_JSON)
                .entity(new Problem("about:blank", title, status, detail, violations)).build();
    }

    private static String leaf(String path) {
        // "override.request.until" -> "until": drop the method and the parameter; a violation of the
        // parameter itself ("override.request") is about the request body.
        String[] parts = path.split("\\.");
        if (parts.length >= 3) {
            return String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length));
        }
        return parts.length == 2 ? "body" : path;
    }
}
