package com.scheduledscaler.inferless;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.not;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.scheduledscaler.policy.Settings;
import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Inferless client against WireMock (test config: read timeout 400 ms, 3 retries, first backoff
 * 20 ms, at most 5 log pages). After every test each request WireMock received is checked against
 * {@code inferless-openapi.yml}.
 */
@QuarkusTest
@ConnectWireMock
class InferlessClientTest {

    static final String SETTINGS = "/rest/model/settings/update/";
    static final String LOGS = "/rest/model/logs/get/";
    static final String KEY = "test-key-9f2c71d04b";
    static final Settings TWO_WARM = new Settings(2, 8, 600, null, null, null, null, null);

    WireMock wiremock;

    @Inject
    InferlessClient client;

    @BeforeEach
    void reset() {
        wiremock.resetMappings();
        wiremock.resetRequests();
        wiremock.resetScenarios();
    }

    @AfterEach
    void everyRequestConformsToTheSpec() {
        InferlessSpec.assertAllRequestsConform(wiremock);
    }

    @Test
    void sendsOnlyTheSetFieldsWithTheBearerKey() {
        wiremock.register(post(SETTINGS).willReturn(okJson("{\"status\":\"success\",\"details\":\"Model updated\"}")));

        SettingsUpdate update = client.updateSettings("llama-chat-prod", TWO_WARM);

        assertTrue(update.sent());
        assertEquals(1, update.attempts());
        assertEquals("Model updated", update.details());
        wiremock.verifyThat(1, postRequestedFor(urlEqualTo(SETTINGS))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withHeader("Content-Type", WireMock.containing("application/json"))
                .withRequestBody(equalToJson("""
                        {"model_id":"llama-chat-prod","data":{"min_replica":2,"max_replica":8,"scale_down_delay":600}}
                        """)));
    }

    @Test
    void sendsBooleanAndTextFieldsUnderTheApiNames() {
        wiremock.register(post(SETTINGS).willReturn(okJson("{\"status\":\"success\"}")));

        client.updateSettings("m", new Settings(null, null, null, 120, true, "A100", 4, false));

        wiremock.verifyThat(postRequestedFor(urlEqualTo(SETTINGS)).withRequestBody(equalToJson("""
                {"model_id":"m","data":{"inference_time":120,"is_dedicated":true,"machine_type":"A100",
                 "container_concurrency":4,"is_input_output_enabled":false}}
                """)));
    }

    @Test
    void credentialsRejectedAfterOneCallAndReadinessGoesDownUntilASuccess() {
        wiremock.register(post(SETTINGS).willReturn(aResponse().withStatus(401)));

        var failure = assertThrows(CredentialsRejectedException.class, () -> client.updateSettings("m", TWO_WARM));

        assertEquals(401, failure.httpStatus());
        assertEquals(1, failure.attempts());
        wiremock.verifyThat(1, postRequestedFor(urlEqualTo(SETTINGS)));
        given().when().get("/q/health/ready").then().statusCode(503)
                .body("checks.status", hasItem("DOWN"))
                .body("checks.data.reason", hasItem(org.hamcrest.Matchers.containsString("INFERLESS_API_KEY")));

        wiremock.register(post(SETTINGS).willReturn(okJson("{\"status\":\"success\"}")));
        client.updateSettings("m", TWO_WARM);
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void waitsAsRetryAfterSaysOn429ThenSucceeds() {
        wiremock.register(post(SETTINGS).inScenario("busy").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("calm"));
        wiremock.register(post(SETTINGS).inScenario("busy").whenScenarioStateIs("calm")
                .willReturn(okJson("{\"status\":\"success\"}")));

        long start = System.nanoTime();
        SettingsUpdate update = client.updateSettings("m", TWO_WARM);
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(2, update.attempts());
        // The configured first backoff is 20 ms: a wait of a second or more comes from Retry-After.
        assertTrue(waited.compareTo(Duration.ofMillis(950)) >= 0, "waited only " + waited);
        wiremock.verifyThat(2, postRequestedFor(urlEqualTo(SETTINGS)));
    }

    @Test
    void retriesA500AndSucceeds() {
        wiremock.register(post(SETTINGS).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500).withBody("upstream broke"))
                .willSetStateTo("fixed"));
        wiremock.register(post(SETTINGS).inScenario("flaky").whenScenarioStateIs("fixed")
                .willReturn(okJson("{\"status\":\"success\"}")));

        SettingsUpdate update = client.updateSettings("m", TWO_WARM);

        assertEquals(2, update.attempts());
        wiremock.verifyThat(2, postRequestedFor(urlEqualTo(SETTINGS)));
    }

    @Test
    void givesUpAfterTheConfiguredRetriesOnPersistent5xx() {
        wiremock.register(post(SETTINGS).willReturn(aResponse().withStatus(503)));

        var failure = assertThrows(InferlessException.class, () -> client.updateSettings("m", TWO_WARM));

        assertEquals(503, failure.httpStatus());
        assertEquals(4, failure.attempts());
        assertTrue(failure.getMessage().contains("after 4 attempts"), failure.getMessage());
        wiremock.verifyThat(4, postRequestedFor(urlEqualTo(SETTINGS)));
    }

    @Test
    void aHangingApiFailsWithinTheReadTimeoutBudget() {
        wiremock.register(post(SETTINGS).willReturn(okJson("{\"status\":\"success\"}").withFixedDelay(5_000)));

        long start = System.nanoTime();
        var failure = assertThrows(InferlessException.class, () -> client.updateSettings("m", TWO_WARM));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(0, failure.httpStatus());
        assertEquals(4, failure.attempts());
        assertTrue(failure.getMessage().contains("no answer within 400 ms"), failure.getMessage());
        // 4 attempts x 400 ms read timeout plus short backoffs; a single hang alone would take 5 s.
        assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "took " + took);
    }

    @Test
    void a200WhoseStatusIsNotSuccessIsAFailureCarryingTheDetails() {
        wiremock.register(post(SETTINGS).willReturn(okJson("{\"status\":\"error\",\"details\":\"Model not found\"}")));

        var failure = assertThrows(InferlessException.class, () -> client.updateSettings("m", TWO_WARM));

        assertFalse(failure.retryable());
        assertTrue(failure.getMessage().contains("status 'error'"), failure.getMessage());
        assertTrue(failure.getMessage().contains("Model not found"), failure.getMessage());
        wiremock.verifyThat(1, postRequestedFor(urlEqualTo(SETTINGS)));
    }

    @Test
    void otherClientErrorsAreNotRetried() {
        wiremock.register(post(SETTINGS).willReturn(aResponse().withStatus(400).withBody("{\"details\":\"bad machine_type\"}")));

        var failure = assertThrows(InferlessException.class, () -> client.updateSettings("m", TWO_WARM));

        assertEquals(400, failure.httpStatus());
        assertTrue(failure.getMessage().contains("bad machine_type"), failure.getMessage());
        wiremock.verifyThat(1, postRequestedFor(urlEqualTo(SETTINGS)));
    }

    @Test
    void logsFollowNextTokenOverThreePages() {
        wiremock.register(post(LOGS).withRequestBody(not(matchingJsonPath("$.next_token")))
                .willReturn(okJson(page("p1", "t2"))));
        wiremock.register(post(LOGS).withRequestBody(matchingJsonPath("$.next_token", equalTo("t2")))
                .willReturn(okJson(page("p2", "t3"))));
        wiremock.register(post(LOGS).withRequestBody(matchingJsonPath("$.next_token", equalTo("t3")))
                .willReturn(okJson(page("p3", null))));

        ModelLogs logs = client.logs("whisper-prod", Instant.parse("2026-12-01T00:00:00Z"),
                Instant.parse("2026-12-02T00:00:00Z"), false);

        assertEquals(3, logs.pages());
        assertFalse(logs.truncated());
        assertEquals(List.of("p1 a", "p1 b", "p2 a", "p2 b", "p3 a", "p3 b"),
                logs.entries().stream().map(LogEntry::log).toList());
        assertEquals("stderr", logs.entries().get(1).stream());
        wiremock.verifyThat(3, postRequestedFor(urlEqualTo(LOGS))
                .withRequestBody(matchingJsonPath("$.model_id", equalTo("whisper-prod")))
                .withRequestBody(matchingJsonPath("$.time_from", equalTo("2026-12-01T00:00:00Z")))
                .withRequestBody(matchingJsonPath("$.time_to", equalTo("2026-12-02T00:00:00Z")))
                .withRequestBody(matchingJsonPath("$.is_less_logs", equalTo("false"))));
    }

    @Test
    void logsStopAtTheConfiguredPageLimitAndSaySo() {
        wiremock.register(post(LOGS).willReturn(okJson(page("p", "more"))));

        ModelLogs logs = client.logs("m", Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-01T01:00:00Z"), true);

        assertEquals(5, logs.pages());
        assertTrue(logs.truncated());
        wiremock.verifyThat(5, postRequestedFor(urlEqualTo(LOGS)));
    }

    private static String page(String name, String nextToken) {
        String token = nextToken == null ? "" : ",\"next_token\":\"" + nextToken + "\"";
        return """
                {"status":"success","details":[
                  {"time":"2026-12-01T10:00:00Z","log":"%1$s a","stream":"stdout"},
                  {"time":"2026-12-01T10:00:01Z","log":"%1$s b","stream":"stderr"}]%2$s}
                """.formatted(name, token);
    }
}
