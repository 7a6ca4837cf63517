package com.scheduledscaler.policy;

import java.util.List;

/** The valid policies read from some source, plus every error and warning found. */
public record LoadResult(List<Policy> policies, List<Problem> problems) {

    public LoadResult {
        policies = List.copyOf(policies);
        problems = List.copyOf(problems);
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }
}
