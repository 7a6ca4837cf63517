package com.scheduledscaler.reconcile;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.scheduledscaler.audit.Trigger;
import com.scheduledscaler.catalog.PolicyCatalog;
import com.scheduledscaler.inferless.InferlessSpec;
import com.scheduledscaler.testing.LogCapture;
import com.scheduledscaler.testing.MutableClock;
import com.scheduledscaler.testing.PolicyFolder;
import com.scheduledscaler.testing.TestDatabase;
import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.logging.Level;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A flaky, a rejecting and a hanging Inferless (test config: 3 retries per call, 400 ms read timeout). */
@QuarkusTest
@ConnectWireMock
class ReconcilerFaultsTest {

    static final String SETTINGS = "/rest/model/settings/update/";
    static final Duration WAIT = Duration.ofSeconds(30);

    WireMock wiremock;

    @Inject
    MutableClock clock;
    @Inject
    TestDatabase database;
    @Inject
    PolicyCatalog catalog;
    @Inject
    Reconciler reconciler;

    @BeforeEach
    void setUp() {
        database.reset();
        wiremock.resetRequests();
        wiremock.resetMappings();
        wiremock.resetScenarios();
        PolicyFolder.clear();
        clock.set("2026-12-07T06:00:00Z");
    }

    @AfterEach
    void everyRequestConformsToTheSpec() {
        InferlessSpec.assertAllRequestsConform(wiremock);
    }

    private static String dailyWindow(String model) {
        return """
                name: %1$s-base
                models: [%1$s]
                always: true
                settings: {min_replica: 0}
                ---
                name: %1$s-day
                models: [%1$s]
                priority: 1
                window: {from: "07:00", to: "18:00"}
                settings: {min_replica: 2}
                """.formatted(model);
    }

    /** Reconciles at {@code at}, then once a minute for {@code minutes} more, as the safety interval does. */
    private void runFrom(String at, Trigger trigger, int minutes) {
        clock.set(at);
        catalog.refresh();
        reconciler.reconcile(trigger);
        reconciler.awaitIdle(WAIT);
        for (int i = 0; i < minutes; i++) {
            clock.advance(Duration.ofMinutes(1));
            reconciler.reconcile(Trigger.SAFETY);
            reconciler.awaitIdle(WAIT);
        }
    }

    @Test
    void withThirtyPercentOf500sEveryTransitionEndsAppliedWithItsAttemptsRecorded() {
        List<String> models = IntStream.range(0, 10).mapToObj(i -> "flaky-" + i).toList();
        Random random = new Random(42);
        int failures = 0;
        int calls = 60;
        for (String model : models) {
            PolicyFolder.write(model + ".yaml", dailyWindow(model));
            for (int call = 0; call < calls; call++) {
                // flaky-0 starts with 5 failures in a row: more than one call's retries absorb.
                boolean fail = model.equals("flaky-0") ? call < 5 || random.nextDouble() < 0.3 : random.nextDouble() < 0.3;
                failures += fail ? 1 : 0;
                wiremock.register(post(SETTINGS).inScenario(model)
                        .whenScenarioStateIs(call == 0 ? STARTED : "call-" + call)
                        .withRequestBody(matchingJsonPath("$.model_id", equalTo(model)))
                        .willReturn(fail ? aResponse().withStatus(500) : okJson("{\"status\":\"success\"}"))
                        .willSetStateTo("call-" + (call + 1)));
            }
        }
        assertTrue(failures > calls * models.size() / 5, "about 30% of the answers are 500");

        runFrom("2026-12-07T06:00:00Z", Trigger.CATCH_UP, 5);
        runFrom("2026-12-07T07:00:00Z", Trigger.SCHEDULE, 5);
        runFrom("2026-12-07T18:00:00Z", Trigger.SCHEDULE, 5);

        for (String model : models) {
            List<String> finals = database.lines("""
                    SELECT to_char(transition_at AT TIME ZONE 'UTC', 'HH24:MI') || ' ' || outcome FROM audit_entry
                    WHERE model_id = '%s' AND outcome = 'APPLIED' ORDER BY id""".formatted(model));
            assertEquals(List.of("18:00 APPLIED", "07:00 APPLIED", "18:00 APPLIED"), finals,
                    model + ": the catch-up to the night setting, then each transition, applied");
            int attempts = Integer.parseInt(database.lines(
                    "SELECT sum(attempts)::text FROM audit_entry WHERE model_id = '" + model + "'").get(0));
            assertEquals(requestsFor(model).size(), attempts, model + ": every request is counted in an audit row");
        }
        assertTrue(database.lines("SELECT id FROM audit_entry WHERE model_id = 'flaky-0' AND outcome = 'FAILED'").size() >= 1,
                "flaky-0 failed a whole call once and was retried by the reconciler");
        assertTrue(database.lines("SELECT trigger FROM audit_entry WHERE model_id = 'flaky-0'").contains("RETRY"));
    }

    @Test
    void aRejectedKeyCostsABoundedNumberOfCallsOneLogLineAndReadiness() {
        List<String> models = IntStream.range(0, 20).mapToObj(i -> "rejected-" + i).toList();
        models.forEach(model -> PolicyFolder.write(model + ".yaml",
                "name: " + model + "\nmodels: [" + model + "]\nalways: true\nsettings: {min_replica: 1}\n"));
        wiremock.register(post(SETTINGS).willReturn(aResponse().withStatus(401)));
        List<String> errors;
        try (LogCapture capture = LogCapture.start(Level.SEVERE)) {
            runFrom("2026-12-07T06:00:00Z", Trigger.CATCH_UP, 120); // two hours of safety reconciles
            errors = List.copyOf(capture.lines());
        }

        // The first reconcile sends all 20 before the first 401 comes back; after that one probe per
        // backoff period (10 s doubling to 10 min): at most 7 + 12 in two hours, not 20 x 121 calls.
        int calls = requestsFor(null).size();
        assertTrue(calls >= 23 && calls <= 20 + 19, "calls while the key is rejected: " + calls);
        assertEquals(1, errors.stream().filter(line -> line.contains("rejected the API key")).count(), errors.toString());
        given().when().get("/q/health/ready").then().statusCode(503);

        wiremock.register(post(SETTINGS).willReturn(okJson("{\"status\":\"success\"}")));
        clock.advance(Duration.ofMinutes(10));
        reconciler.reconcile(Trigger.SAFETY);   // the next probe succeeds ...
        reconciler.awaitIdle(WAIT);
        reconciler.reconcile(Trigger.SAFETY);   // ... and the others follow
        reconciler.awaitIdle(WAIT);
        assertEquals(20, database.lines("SELECT model_id FROM applied_settings").size());
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void aHangingCallIsBoundedByTheTimeoutAndOtherModelsAreAppliedOnTime() {
        List<String> models = List.of("hang-slow", "hang-a", "hang-b", "hang-c");
        models.forEach(model -> PolicyFolder.write(model + ".yaml",
                "name: " + model + "\nmodels: [" + model + "]\nalways: true\nsettings: {min_replica: 1}\n"));
        wiremock.register(post(SETTINGS).withRequestBody(matchingJsonPath("$.model_id", equalTo("hang-slow")))
                .willReturn(okJson("{\"status\":\"success\"}").withFixedDelay(3_000)));
        wiremock.register(post(SETTINGS).withRequestBody(matchingJsonPath("$.model_id", WireMock.notContaining("slow")))
                .willReturn(okJson("{\"status\":\"success\"}")));

        Instant start = Instant.now();
        catalog.refresh();
        reconciler.reconcile(Trigger.CATCH_UP);
        reconciler.awaitIdle(WAIT);
        Duration took = Duration.between(start, Instant.now());

        for (String fast : List.of("hang-a", "hang-b", "hang-c")) {
            Instant received = requestsFor(fast).get(0).getLoggedDate().toInstant();
            assertTrue(Duration.between(start, received).compareTo(Duration.ofSeconds(1)) < 0,
                    fast + " waited for the hanging model: received after " + Duration.between(start, received));
        }
        assertEquals(List.of("FAILED 4"), database.lines(
                "SELECT outcome || ' ' || attempts FROM audit_entry WHERE model_id = 'hang-slow'"));
        assertTrue(database.lines("SELECT reason FROM audit_entry WHERE model_id = 'hang-slow'").get(0)
                .contains("no answer within 400 ms"));
        assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "4 attempts x 400 ms, not 4 x 3 s: " + took);
        assertEquals(3, database.lines("SELECT model_id FROM audit_entry WHERE outcome = 'APPLIED'").size());
    }

    private List<LoggedRequest> requestsFor(String model) {
        var pattern = postRequestedFor(urlEqualTo(SETTINGS));
        if (model != null) {
            pattern = pattern.withRequestBody(matchingJsonPath("$.model_id", equalTo(model)));
        }
        return wiremock.find(pattern);
    }
}
