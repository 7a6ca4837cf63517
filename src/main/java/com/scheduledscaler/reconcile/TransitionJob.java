package com.scheduledscaler.reconcile;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import java.time.Clock;
import java.time.Instant;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** The Quartz job of the transition triggers: the instance that fires a trigger reconciles. */
@Dependent
@Unremovable
class TransitionJob implements Job {

    private final TransitionTimer timer;
    private final Clock clock;

    TransitionJob(TransitionTimer timer, Clock clock) {
        this.timer = timer;
        this.clock = clock;
    }

    @Override
    public void execute(JobExecutionContext context) {
        String at = context.getMergedJobDataMap().getString(TransitionTimer.AT);
        timer.fire(at == null ? clock.instant() : Instant.parse(at));
    }
}
