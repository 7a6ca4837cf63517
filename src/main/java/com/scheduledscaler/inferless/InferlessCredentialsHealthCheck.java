package com.scheduledscaler.inferless;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness is DOWN while Inferless rejects the API key: the daemon cannot do its job. */
@Readiness
@Singleton
class InferlessCredentialsHealthCheck implements HealthCheck {

    private final CredentialsStatus credentials;
    private final DryRunMode dryRun;

    InferlessCredentialsHealthCheck(CredentialsStatus credentials, DryRunMode dryRun) {
        this.credentials = credentials;
        this.dryRun = dryRun;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Inferless API key");
        dryRun.reason().ifPresent(why -> response.withData("dry-run", why));
        return credentials.rejectedSince()
                .map(since -> response.down()
                        .withData("reason", "Inferless rejected the API key (HTTP 401); check INFERLESS_API_KEY")
                        .withData("since", since.toString()))
                .orElseGet(response::up)
                .build();
    }
}
