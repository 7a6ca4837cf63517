package com.scheduledscaler.reconcile;

import com.scheduledscaler.audit.Trigger;
import com.scheduledscaler.catalog.PolicyCatalog;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the reconciler at the next transition instant of any model, to the millisecond; re-planned
 * after every reconcile, so a policy change moves the wake-up too.
 */
@Singleton
class TransitionTimer {

    private final PolicyCatalog catalog;
    private final Reconciler reconciler;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "scaler-transition-timer");
        thread.setDaemon(true);
        return thread;
    });
    private ScheduledFuture<?> next;

    TransitionTimer(PolicyCatalog catalog, Reconciler reconciler, Clock clock) {
        this.catalog = catalog;
        this.reconciler = reconciler;
        this.clock = clock;
    }

    synchronized void plan() {
        if (next != null) {
            next.cancel(false);
        }
        Optional<Instant> due = catalog.current().policySet().nextTransition(clock.instant());
        due.ifPresent(this::wakeAt);
        due.ifPresent(at -> Log.debugf("Next transition at %s", at));
    }

    private synchronized void wakeAt(Instant at) {
        if (next != null) {
            next.cancel(false);
        }
        long nanos = Duration.between(clock.instant(), at).toNanos();
        long delayMillis = Math.max(0, (nanos + 999_999) / 1_000_000); // rounded up: never wake before the instant
        next = timer.schedule(() -> fire(at), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void fire(Instant at) {
        if (clock.instant().isBefore(at)) {
            wakeAt(at); // the wall clock and the timer's clock drift apart a little: wait for the rest
            return;
        }
        try {
            ReconcileSchedule.guarded("reconcile at a transition", () -> reconciler.reconcile(Trigger.SCHEDULE));
        } finally {
            ReconcileSchedule.guarded("planning of the next transition", this::plan);
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
