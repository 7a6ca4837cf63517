package com.scheduledscaler.audit;

import java.util.Objects;

/** The outcome part of an audit row. {@code httpStatus} is null when no answer came. */
public record Result(Outcome outcome, String reason, Integer httpStatus, int attempts, Long latencyMs) {

    public Result {
        Objects.requireNonNull(outcome, "outcome");
    }

    public static Result applied(int attempts, long latencyMs) {
        return new Result(Outcome.APPLIED, null, 200, attempts, latencyMs);
    }

    public static Result dryRun(String reason) {
        return new Result(Outcome.DRY_RUN, reason, null, 0, null);
    }

    public static Result failed(String reason, int httpStatus, int attempts, long latencyMs) {
        return new Result(Outcome.FAILED, reason, httpStatus == 0 ? null : httpStatus, attempts, latencyMs);
    }

    public static Result skipped(String reason) {
        return new Result(Outcome.SKIPPED, reason, null, 0, null);
    }
}
