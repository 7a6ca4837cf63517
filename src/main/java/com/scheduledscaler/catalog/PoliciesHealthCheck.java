package com.scheduledscaler.catalog;

import com.scheduledscaler.policy.Problem;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the policies in force and every policy error with its place. Stays UP: a broken file keeps
 * its last good version in force, so the daemon still does its job.
 */
@Readiness
@Singleton
class PoliciesHealthCheck implements HealthCheck {

    private final PolicyCatalog catalog;

    PoliciesHealthCheck(PolicyCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public HealthCheckResponse call() {
        PolicyCatalog.Snapshot snapshot = catalog.current();
        var response = HealthCheckResponse.named("Policies").up()
                .withData("policies", snapshot.policies().size())
                .withData("files in error", snapshot.filesInError().size());
        int n = 0;
        for (Problem problem : snapshot.problems()) {
            if (problem.isError()) {
                response.withData("error " + (++n), problem.message());
            }
        }
        return response.build();
    }
}
