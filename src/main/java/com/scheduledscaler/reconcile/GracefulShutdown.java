package com.scheduledscaler.reconcile;

import com.scheduledscaler.cluster.ClusterMember;
import com.scheduledscaler.config.ScalerConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * On SIGTERM, before Quartz and the database pool are closed: this instance stops taking triggers
 * (the others take them from now on), starts no new change, and gives the changes in flight
 * {@code scaler.reconcile.shutdown-grace} to finish and be recorded. Each outcome is written in one
 * transaction, so nothing is half-written; a change still running after the grace keeps its open
 * intent, and once Quartz has removed this instance from the cluster another instance completes it.
 */
@Singleton
class GracefulShutdown {

    private final ClusterMember member;
    private final Reconciler reconciler;
    private final ScalerConfig config;

    GracefulShutdown(ClusterMember member, Reconciler reconciler, ScalerConfig config) {
        this.member = member;
        this.reconciler = reconciler;
        this.config = config;
    }

    void onStop(@Observes ShutdownEvent stop) {
        member.standby();
        reconciler.drain(config.reconcile().shutdownGrace());
    }
}
