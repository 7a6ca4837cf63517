package com.scheduledscaler.reconcile;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** The Quartz job of the safety reconcile: one instance of the cluster runs it per period, never two at once. */
@Dependent
@Unremovable
@DisallowConcurrentExecution
class SafetyReconcileJob implements Job {

    private final ReconcileSchedule schedule;

    SafetyReconcileJob(ReconcileSchedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public void execute(JobExecutionContext context) {
        schedule.safetyReconcile();
    }
}
