package com.scheduledscaler.cluster;

import jakarta.inject.Singleton;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/**
 * This instance as a member of the Quartz cluster that all instances on one database form. Quartz
 * keeps the membership in {@code qrtz_scheduler_state}: every live instance checks in there, and an
 * instance that stops checking in is removed by the others once they have recovered its jobs.
 */
@Singleton
public class ClusterMember {

    private final Scheduler quartz;

    ClusterMember(Scheduler quartz) {
        this.quartz = quartz;
    }

    /** This instance's id in the cluster (host name and start time), written on every intent it makes. */
    public String instanceId() {
        try {
            return quartz.getSchedulerInstanceId();
        } catch (SchedulerException e) {
            throw new IllegalStateException("the Quartz scheduler is not available", e);
        }
    }

    /** The cluster's name: the {@code sched_name} of its rows in Quartz's tables. */
    public String clusterName() {
        try {
            return quartz.getSchedulerName();
        } catch (SchedulerException e) {
            throw new IllegalStateException("the Quartz scheduler is not available", e);
        }
    }

    /** Quartz itself, for the jobs this daemon schedules. */
    public Scheduler quartz() {
        return quartz;
    }

    /** Stops taking triggers (the other instances take them); jobs already running go on. */
    public void standby() {
        try {
            if (!quartz.isShutdown()) {
                quartz.standby();
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("the Quartz scheduler could not be put in standby", e);
        }
    }
}
