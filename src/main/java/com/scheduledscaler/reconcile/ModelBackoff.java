package com.scheduledscaler.reconcile;

import com.scheduledscaler.policy.Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a model whose change failed may be tried again: capped exponential backoff per model, reset
 * when the change succeeds or when the model's desired settings change.
 */
final class ModelBackoff {

    private record Failing(Settings desired, int failures, Instant retryAt) {}

    private final Duration initial;
    private final Duration max;
    private final Map<String, Failing> failing = new ConcurrentHashMap<>();

    ModelBackoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /** True while a failed change towards {@code desired} waits for its next attempt. */
    boolean waiting(String model, Settings desired, Instant now) {
        Failing f = current(model, desired);
        return f != null && now.isBefore(f.retryAt());
    }

    /** True when the next attempt at this model is a retry of a failed change towards {@code desired}. */
    boolean retrying(String model, Settings desired) {
        return current(model, desired) != null;
    }

    void failed(String model, Settings desired, Instant now) {
        Failing previous = current(model, desired);
        int failures = previous == null ? 1 : previous.failures() + 1;
        failing.put(model, new Failing(desired, failures, now.plus(delay(failures))));
    }

    void succeeded(String model) {
        failing.remove(model);
    }

    Duration delay(int failures) {
        Duration delay = initial;
        for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    private Failing current(String model, Settings desired) {
        Failing f = failing.get(model);
        if (f != null && !f.desired().equals(desired)) {
            failing.remove(model, f);
            return null;
        }
        return f;
    }
}
