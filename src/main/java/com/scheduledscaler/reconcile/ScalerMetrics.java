package com.scheduledscaler.reconcile;

import com.scheduledscaler.audit.Outcome;
import com.scheduledscaler.catalog.PolicyCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The daemon's own metrics at {@code /q/metrics}: changes by outcome, lag from a transition to its
 * request, policies loaded, policy files in error, age of the last reconcile.
 */
@Singleton
public class ScalerMetrics {

    private final Map<Outcome, Counter> changes = new EnumMap<>(Outcome.class);
    private final Timer lag;
    private final AtomicReference<Instant> lastReconcile = new AtomicReference<>();
    private final Clock clock;

    ScalerMetrics(MeterRegistry registry, PolicyCatalog catalog, Clock clock) {
        this.clock = clock;
        for (Outcome outcome : Outcome.values()) {
            changes.put(outcome, Counter.builder("scaler.changes").description("Changes decided, by outcome")
                    .tag("outcome", outcome.name()).register(registry));
        }
        lag = Timer.builder("scaler.transition.lag")
                .description("From a transition's instant to its request being sent")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        Gauge.builder("scaler.policies.loaded", catalog, c -> c.current().policies().size())
                .description("Policies in force (paused ones included)").strongReference(true).register(registry);
        Gauge.builder("scaler.policy.files.in.error", catalog, c -> c.current().filesInError().size())
                .description("Policy files whose last read failed validation").strongReference(true).register(registry);
        Gauge.builder("scaler.reconcile.last.age", this, ScalerMetrics::secondsSinceLastReconcile)
                .baseUnit("seconds").description("Seconds since the last reconcile finished").strongReference(true)
                .register(registry);
    }

    void changed(Outcome outcome) {
        changes.get(outcome).increment();
    }

    void lag(Instant transition, Instant sent) {
        Duration late = Duration.between(transition, sent);
        lag.record(late.isNegative() ? Duration.ZERO : late);
    }

    void reconciled() {
        lastReconcile.set(clock.instant());
    }

    private double secondsSinceLastReconcile() {
        Instant last = lastReconcile.get();
        return last == null ? Double.NaN : Duration.between(last, clock.instant()).toMillis() / 1000.0;
    }
}
