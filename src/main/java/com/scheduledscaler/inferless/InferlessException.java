package com.scheduledscaler.inferless;

import java.time.Duration;
import java.util.Optional;

/**
 * A call to the Inferless management API that did not succeed. The message says which call, for which
 * model, and what came back; it never holds the API key.
 */
public class InferlessException extends RuntimeException {

    private final int httpStatus;
    private final boolean retryable;
    private final Duration retryAfter;
    private int attempts;

    InferlessException(String message, int httpStatus, boolean retryable, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status of the last answer; 0 when no answer came (timeout, connection refused). */
    public int httpStatus() {
        return httpStatus;
    }

    /** True for failures worth another attempt: 5xx, 429, timeouts and connection failures. */
    public boolean retryable() {
        return retryable;
    }

    /** The wait the API asked for with {@code Retry-After}, if it asked. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** HTTP requests made for this call, retries included. */
    public int attempts() {
        return attempts;
    }

    void recordAttempts(int attempts) {
        this.attempts = attempts;
    }

    @Override
    public String getMessage() {
        return attempts > 1 ? super.getMessage() + " (after " + attempts + " attempts)" : super.getMessage();
    }
}
