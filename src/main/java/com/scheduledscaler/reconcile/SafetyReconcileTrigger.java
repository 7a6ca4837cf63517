package com.scheduledscaler.reconcile;

import com.scheduledscaler.cluster.ClusterMember;
import com.scheduledscaler.config.ScalerConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.configuration.DurationConverter;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * The safety reconcile's repeating Quartz trigger, one for the whole cluster. Scheduled by hand rather
 * than with {@code @Scheduled}: Quarkus checks whether the job exists and then stores it, so instances
 * starting together on a fresh database raced there and one failed to start. Here an instance that
 * finds the trigger stored already keeps it, or moves it to its own period: the last one to start
 * sets the period, as with {@code @Scheduled}.
 */
@Singleton
class SafetyReconcileTrigger {

    static final JobKey JOB = JobKey.jobKey("safety-reconcile", TransitionTimer.JOB.getGroup());
    static final TriggerKey TRIGGER = TriggerKey.triggerKey("safety-reconcile", TransitionTimer.JOB.getGroup());

    private final Scheduler quartz;
    private final Optional<Duration> period;

    SafetyReconcileTrigger(ClusterMember member, ScalerConfig config) {
        this.quartz = member.quartz();
        this.period = period(config.reconcile().safetyInterval());
    }

    /** {@code off} or {@code disabled}: none; otherwise a Quarkus duration ({@code 60s}, {@code 5m}, {@code PT1M}). */
    static Optional<Duration> period(String setting) {
        String value = setting.trim().toLowerCase(Locale.ROOT);
        if (value.equals("off") || value.equals("disabled")) {
            return Optional.empty();
        }
        Duration period;
        try {
            period = DurationConverter.parseDuration(setting.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scaler.reconcile.safety-interval: '" + setting
                    + "' is not a duration (60s, 5m, PT1M) nor off", e);
        }
        if (period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("scaler.reconcile.safety-interval: '" + setting + "' must be positive, or off");
        }
        return Optional.of(period);
    }

    /** Stores the job and its trigger at the configured period, the first run one period from now. */
    void plan() {
        plan(period);
    }

    /** As {@link #plan()} with the given period; none removes the trigger (for every instance). */
    void plan(Optional<Duration> period) {
        try {
            quartz.addJob(JobBuilder.newJob(SafetyReconcileJob.class).withIdentity(JOB)
                    .withDescription("reconcile every model, for safety").storeDurably().build(), true);
            if (period.isEmpty()) {
                if (quartz.unscheduleJob(TRIGGER)) {
                    Log.info("The safety reconcile is off (scaler.reconcile.safety-interval), for every instance");
                }
                return;
            }
            long millis = period.get().toMillis();
            SimpleTrigger trigger = TriggerBuilder.newTrigger().withIdentity(TRIGGER).forJob(JOB)
                    .startAt(new Date(System.currentTimeMillis() + millis))
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(millis)
                            .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
                    .build();
            try {
                quartz.scheduleJob(trigger);
            } catch (ObjectAlreadyExistsException plannedAlready) {
                if (!(quartz.getTrigger(TRIGGER) instanceof SimpleTrigger planned) || planned.getRepeatInterval() != millis) {
                    quartz.rescheduleJob(TRIGGER, trigger);
                }
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not plan the safety reconcile: " + e.getMessage(), e);
        }
    }
}
