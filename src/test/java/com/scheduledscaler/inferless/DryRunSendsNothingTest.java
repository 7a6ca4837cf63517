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
