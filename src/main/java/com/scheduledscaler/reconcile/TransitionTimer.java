package com.scheduledscaler.reconcile;

import com.scheduledscaler.audit.Trigger;
import com.scheduledscaler.catalog.PolicyCatalog;
import com.scheduledscaler.cluster.ClusterMember;
import com.scheduledscaler.config.ScalerConfig;
import io.quarkus.logging.Log;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * Wakes the reconciler at the next transition instant of any model, to the millisecond, on exactly
 * one instance of the cluster: each transition is a one-shot Quartz trigger in the database, named by
 * its instant, so every instance plans the same trigger and Quartz fires it once. Re-planned after
 * every reconcile, so a policy change moves the wake-up too. An instance that dies while a transition
 * runs has its job re-run by another instance once Quartz declares it dead.
 */
@Singleton
class TransitionTimer {

    static final JobKey JOB = JobKey.jobKey("transition", "scheduled-scaler");
    static final String AT = "at";
    private static final Duration MAX_EARLY = Duration.ofSeconds(1);
    private static final Duration SAME_TIME = Duration.ofSeconds(1);

    private final PolicyCatalog catalog;
    private final Reconciler reconciler;
    private final Scheduler quartz;
    private final Clock clock;
    private final Duration callDeadline;

    TransitionTimer(PolicyCatalog catalog, Reconciler reconciler, ClusterMember member, Clock clock, ScalerConfig config) {
        this.catalog = catalog;
        this.reconciler = reconciler;
        this.quartz = member.quartz();
        this.clock = clock;
        this.callDeadline = config.reconcile().callDeadline();
    }

    /** The job all transition triggers fire: durable, and re-run elsewhere when its instance dies. */
    @PostConstruct
    void storeJob() {
        try {
            quartz.addJob(JobBuilder.newJob(TransitionJob.class).withIdentity(JOB)
                    .withDescription("reconcile at a transition instant").storeDurably().requestRecovery().build(), true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not store the transition job in Quartz: " + e.getMessage(), e);
        }
    }

    /** Plans the trigger of the next transition after now (another instance may have planned it already). */
    void plan() {
        Optional<Instant> due = catalog.current().policySet().nextTransition(clock.instant());
        due.ifPresent(this::wakeAt);
    }

    private void wakeAt(Instant at) {
        // Quartz fires by the system clock; the delay is measured on the daemon's clock.
        long nanos = Duration.between(clock.instant(), at).toNanos();
        long delayMillis = Math.max(0, (nanos + 999_999) / 1_000_000); // rounded up: never wake before the instant
        Date fireAt = new Date(System.currentTimeMillis() + delayMillis);
        TriggerKey key = TriggerKey.triggerKey("transition " + at, JOB.getGroup());
        org.quartz.Trigger trigger = TriggerBuilder.newTrigger().withIdentity(key).forJob(JOB)
                .usingJobData(AT, at.toString())
                .startAt(fireAt)
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            try {
                quartz.scheduleJob(trigger);
                Log.debugf("Next transition at %s", at);
            } catch (ObjectAlreadyExistsException plannedAlready) {
                moveIfElsewhere(key, trigger, fireAt);
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not plan the transition at " + at + ": " + e.getMessage(), e);
        }
    }

    /**
     * Instances that agree on the time plan the same trigger for the same instant; one planned for
     * another system time (a host whose clock is off, a test's clock) is moved to this plan's.
     */
    private void moveIfElsewhere(TriggerKey key, org.quartz.Trigger trigger, Date fireAt) throws SchedulerException {
        org.quartz.Trigger planned = quartz.getTrigger(key);
        Date plannedAt = planned == null ? null : planned.getNextFireTime();
        if (plannedAt != null && Math.abs(plannedAt.getTime() - fireAt.getTime()) > SAME_TIME.toMillis()) {
            quartz.rescheduleJob(key, trigger);
            Log.debugf("Transition %s moved from %s to %s", key.getName(), plannedAt.toInstant(), fireAt.toInstant());
        }
    }

    /** Run by the transition's Quartz job: reconcile, plan the next one, wait for the changes to be recorded. */
    void fire(Instant at) {
        Duration early = Duration.between(clock.instant(), at);
        if (early.compareTo(MAX_EARLY) > 0) {
            Log.warnf("The transition at %s fired %s early (was the clock set back?); planning again", at, early);
            ReconcileSchedule.guarded("planning of the next transition", this::plan);
            return;
        }
        if (!early.isNegative() && !early.isZero()) {
            sleep(early); // the system clock and the daemon's clock drift apart a little: wait for the rest
        }
        try {
            ReconcileSchedule.guarded("reconcile at a transition", () -> {
                catalog.refresh(); // another instance may have changed the API policies since this one polled
                reconciler.reconcile(Trigger.SCHEDULE);
            });
        } finally {
            ReconcileSchedule.guarded("planning of the next transition", this::plan);
        }
        awaitChanges(reconciler, callDeadline);
    }

    /**
     * Keeps a scheduled job running until its changes are recorded: if this instance dies meanwhile,
     * Quartz re-runs the job on another instance, which completes what was left open. Returns early
     * when this instance shuts down: what is still in flight then is left to the drain.
     */
    static void awaitChanges(Reconciler reconciler, Duration deadline) {
        try {
            reconciler.awaitIdleUnlessShuttingDown(deadline);
        } catch (CompletionException stillRunning) {
            Log.warnf("Changes were still in flight %s after a scheduled reconcile; they go on without it", deadline);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
