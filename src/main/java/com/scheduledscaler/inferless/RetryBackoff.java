package com.scheduledscaler.inferless;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The wait before the next attempt: what {@code Retry-After} asked for when the API sent it, otherwise
 * exponential backoff ({@code initial × 2^n}) with "equal jitter" (a random point in the upper half);
 * both capped at {@code max}. One instance serves one call.
 */
final class RetryBackoff implements CustomBackoffStrategy {

    private final long initialMillis;
    private final long maxMillis;
    private int retries;

    RetryBackoff(Duration initial, Duration max) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
    }

    @Override
    public long nextDelayInMillis(Throwable cause) {
        int n = retries++;
        if (cause instanceof InferlessException failure && failure.retryAfter().isPresent()) {
            return Math.min(maxMillis, failure.retryAfter().get().toMillis());
        }
        long exponential = n >= 30 ? maxMillis : Math.min(maxMillis, initialMillis << n);
        long half = exponential / 2;
        return half + ThreadLocalRandom.current().nextLong(exponential - half + 1);
    }
}
