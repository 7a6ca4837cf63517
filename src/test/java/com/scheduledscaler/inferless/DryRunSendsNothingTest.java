package com.scheduledscaler.inferless;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.scheduledscaler.policy.Settings;
import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import com.scheduledscaler.audit.Trigger;
import com.scheduledscaler.catalog.PolicyCatalog;
import com.scheduledscaler.reconcile.Reconciler;
import com.scheduledscaler.testing.MutableClock;
import com.scheduledscaler.testing.PolicyFolder;
import com.scheduledscaler.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ConnectWireMock
@TestProfile(DryRunSendsNothingTest.DryRun.class)
class DryRunSendsNothingTest {

    public static class DryRun implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("scaler.dry-run", "true");
        }
    }

    WireMock wiremock;

    @Inject
    InferlessClient client;

    @Inject
    MutableClock clock;
    @Inject
    TestDatabase database;
    @Inject
    PolicyCatalog catalog;
    @Inject
    Reconciler reconciler;

    @Test
    void theReconcilerAuditsDryRunOncePerChangeAndSendsNothing() {
        database.reset();
        wiremock.resetRequests();
        PolicyFolder.clear();
        PolicyFolder.write("a.yaml", "name: dry\nmodels: [dry-model]\nalways: true\nsettings: {min_replica: 2}\n");
        clock.set("2026-12-07T07:00:00Z");
        catalog.refresh();

        reconciler.reconcile(Trigger.CATCH_UP);
        reconciler.awaitIdle(Duration.ofSeconds(10));
        reconciler.reconcile(Trigger.SAFETY);
        reconciler.awaitIdle(Duration.ofSeconds(10));

        wiremock.verifyThat(0, anyRequestedFor(anyUrl()));
        assertEquals(List.of("dry-model 2026-12-07T07:00Z CATCH_UP {\"min_replica\": 2} DRY_RUN"), database.audit());
        assertEquals(List.of("true"), database.lines("SELECT dry_run::text FROM applied_settings"));
    }

    @Test
    void aSettingsUpdateInDryRunSendsNothing() {
        wiremock.resetRequests();
        wiremock.register(post("/rest/model/settings/update/").willReturn(okJson("{\"status\":\"success\"}")));

        SettingsUpdate update = client.updateSettings("m", new Settings(2, 4, null, null, null, null, null, null));

        assertFalse(update.sent());
        assertEquals(0, update.attempts());
        wiremock.verifyThat(0, anyRequestedFor(anyUrl()));
    }
}
