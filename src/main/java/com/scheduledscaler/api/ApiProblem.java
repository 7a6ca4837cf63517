package com.scheduledscaler.api;

import java.util.List;

/** An error the admin API answers with {@code application/problem+json}: status, title, what and where. */
public class ApiProblem extends RuntimeException {

    /** One thing wrong with the request: where ({@code field}, and for policies {@code line}) and why. */
    public record Violation(String field, Integer line, String message) {}

    private final int status;
    private final String title;
    private final List<Violation> violations;

    ApiProblem(int status, String title, String detail, List<Violation> violations) {
        super(detail);
        this.status = status;
        this.title = title;
        this.violations = List.copyOf(violations);
    }

    static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, "Bad request", detail, List.of());
    }

    static ApiProblem badParameter(String parameter, String detail) {
        return new ApiProblem(400, "Bad request", detail, List.of(new Violation(parameter, null, detail)));
    }

    static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "Not found", detail, List.of());
    }

    static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "Conflict", detail, List.of());
    }

    static ApiProblem invalid(String detail, List<Violation> violations) {
        return new ApiProblem(422, "Invalid policy", detail, violations);
    }

    static ApiProblem upstream(String detail) {
        return new ApiProblem(502, "Inferless call failed", detail, List.of());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Violation> violations() {
        return violations;
    }
}
