package com.scheduledscaler.reconcile;

import com.scheduledscaler.audit.Trigger;
import com.scheduledscaler.catalog.PolicyCatalog;
import com.scheduledscaler.config.ScalerConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The daemon's clockwork: start-up catch-up, the policy poll (on every instance: each has its own
 * view of the policy files), the sweep for changes dead instances left open (on every instance too),
 * and the safety reconcile (a Quartz job: one instance of the cluster per period). Thin on purpose.
 */
@Singleton
class ReconcileSchedule {

    private final PolicyCatalog catalog;
    private final Reconciler reconciler;
    private final TransitionTimer timer;
    private final SafetyReconcileTrigger safetyTrigger;
    private final ScalerConfig config;

    ReconcileSchedule(PolicyCatalog catalog, Reconciler reconciler, TransitionTimer timer,
            SafetyReconcileTrigger safetyTrigger, ScalerConfig config) {
        this.catalog = catalog;
        this.safetyTrigger = safetyTrigger;
        this.reconciler = reconciler;
        this.timer = timer;
        this.config = config;
    }

    void onStart(@Observes StartupEvent start) {
        safetyTrigger.plan();
        if (config.reconcile().atStartup()) {
            catalog.refresh();
            reconciler.reconcile(Trigger.CATCH_UP); // first completes what dead instances left open
            timer.plan();
        }
    }

    @Scheduled(every = "${scaler.reconcile.policy-poll-interval:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, executeWith = Scheduled.SIMPLE)
    void pollPolicies() {
        guarded("policy poll", () -> {
            if (catalog.refresh()) {
                reconciler.reconcile(Trigger.POLICY_CHANGE);
                timer.plan();
            }
        });
    }

    /**
     * Completes promptly what a dead instance left in flight: Quartz removes it from the cluster
     * within 11.5 s, and the next sweep (of whichever instance) claims its open intents. Local and
     * cheap: one UPDATE that finds nothing in the usual case.
     */
    @Scheduled(every = "${scaler.reconcile.orphan-sweep-interval:2s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, executeWith = Scheduled.SIMPLE)
    void sweepOrphans() {
        guarded("sweep for unfinished changes", reconciler::completeOrphans);
    }

    /** Run by {@link SafetyReconcileJob} on one instance of the cluster per period. */
    void safetyReconcile() {
        guarded("safety reconcile", () -> {
            catalog.refresh(); // this instance may not have polled since another changed the API policies
            reconciler.reconcile(Trigger.SAFETY);
            timer.plan();
        });
        TransitionTimer.awaitChanges(reconciler, config.reconcile().callDeadline());
    }

    /** A failing run (the database is down, say) is one log line; the next run tries again. */
    static void guarded(String what, Runnable run) {
        try {
            run.run();
        } catch (RuntimeException e) {
            Log.errorf("The %s failed, the next one tries again: %s", what, e.getMessage());
            Log.debugf(e, "The %s failed", what);
        }
    }
}
