package com.scheduledscaler.api;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads the admin API's query parameters, answering 400 with the parameter's name when one is wrong. */
final class ApiParameters {

    private ApiParameters() {}

    static Instant instant(String name, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiProblem.badParameter(name, "'" + name + "' must be an ISO-8601 instant such as 2026-12-07T08:00:00Z, not '"
                    + value + "'");
        }
    }

    /** Checks {@code from < to} and that the range is at most {@code longest}. */
    static void range(Instant from, Instant to, Duration longest) {
        if (!from.isBefore(to)) {
            throw ApiProblem.badParameter("from", "'from' (" + from + ") must be before 'to' (" + to + ")");
        }
        if (Duration.between(from, to).compareTo(longest) > 0) {
            throw ApiProblem.badParameter("to", "the range may span at most " + longest.toDays() + " days");
        }
    }
}
