package com.scheduledscaler.reconcile;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.scheduledscaler.audit.AuditLog;
import com.scheduledscaler.audit.Intent;
import com.scheduledscaler.audit.Trigger;
import com.scheduledscaler.catalog.PolicyCatalog;
import com.scheduledscaler.cluster.ClusterMember;
import com.scheduledscaler.inferless.InferlessSpec;
import com.scheduledscaler.policy.Settings;
import com.scheduledscaler.testing.MutableClock;
import com.scheduledscaler.testing.PolicyFolder;
import com.scheduledscaler.testing.TestDatabase;
import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Catch-up, crash recovery, no-ops, broken policy files, freeze, pause: each against WireMock and PostgreSQL. */
@QuarkusTest
@ConnectWireMock
class ReconcilerTest {

    static final String SETTINGS = "/rest/model/settings/update/";
    static final Duration WAIT = Duration.ofSeconds(20);

    WireMock wiremock;

    @Inject
    MutableClock clock;
    @Inject
    TestDatabase database;
    @Inject
    PolicyCatalog catalog;
    @Inject
    Reconciler reconciler;
    @Inject
    OperatorActions actions;
    @Inject
    AuditLog audit;
    @Inject
    ClusterMember member;

    @BeforeEach
    void setUp() {
        database.reset();
        wiremock.resetRequests();
        wiremock.resetMappings();
        wiremock.register(post(SETTINGS).willReturn(okJson("{\"status\":\"success\"}")));
        PolicyFolder.clear();
        clock.set("2026-12-07T07:00:00Z"); // a Monday
    }

    @AfterEach
    void everyRequestConformsToTheSpec() {
        InferlessSpec.assertAllRequestsConform(wiremock);
    }

    static String businessHours(String model) {
        return """
                name: %1$s-baseline
                models: [%1$s]
                always: true
                settings: {min_replica: 0, max_replica: 2}
                ---
                name: %1$s-business
                models: [%1$s]
                priority: 10
                window: {days: Mon-Fri, from: "08:00", to: "19:00"}
                settings: {min_replica: 2, max_replica: 8}
                """.formatted(model);
    }

    int reconcile(Trigger trigger) {
        catalog.refresh();
        int dispatched = reconciler.reconcile(trigger);
        reconciler.awaitIdle(WAIT);
        return dispatched;
    }

    int requestsFor(String model) {
        return wiremock.find(postRequestedFor(urlEqualTo(SETTINGS))
                .withRequestBody(matchingJsonPath("$.model_id", equalTo(model)))).size();
    }

    @Test
    void catchesUpOnceWithAChangeMissedWhileDown() {
        PolicyFolder.write("a.yaml", businessHours("catchup"));
        reconcile(Trigger.CATCH_UP);                       // 07:00: the baseline
        clock.set("2026-12-07T08:05:00Z");                  // down across 08:00, started at 08:05

        reconcile(Trigger.CATCH_UP);
        reconcile(Trigger.SAFETY);                          // and nothing more afterwards

        assertEquals(2, requestsFor("catchup"));
        assertEquals(List.of(
                "catchup 2026-12-04T19:00Z CATCH_UP {\"max_replica\": 2, \"min_replica\": 0} APPLIED",
                "catchup 2026-12-07T08:00Z CATCH_UP {\"max_replica\": 8, \"min_replica\": 2} APPLIED"),
                database.audit());
    }

    @Test
    void desiredEqualToAppliedSendsAndAuditsNothing() {
        PolicyFolder.write("a.yaml", businessHours("noop"));
        reconcile(Trigger.CATCH_UP);

        assertEquals(0, reconcile(Trigger.SAFETY));
        clock.advance(Duration.ofMinutes(30));
        assertEquals(0, reconcile(Trigger.SAFETY));

        assertEquals(1, requestsFor("noop"));
        assertEquals(1, database.audit().size());
    }

    @Test
    void completesAnIntentADeadInstanceLeftOpenExactlyOnce() {
        PolicyFolder.write("a.yaml", businessHours("crash"));
        catalog.refresh();
        // An instance wrote the intent and was killed before the call returned.
        openIntentOf("crash", "killed-host1765000000000");

        reconcile(Trigger.SAFETY);
        reconcile(Trigger.SAFETY);                // claimed once: nothing left to complete

        assertEquals(1, requestsFor("crash"));
        assertEquals(List.of("crash 2026-12-04T19:00Z SCHEDULE {\"max_replica\": 2, \"min_replica\": 0} APPLIED"),
                database.audit());
        assertEquals(List.of(member.instanceId()), database.lines("SELECT instance_id FROM audit_entry"),
                "the row names the instance that completed it");
        assertEquals(List.of("{\"max_replica\": 2, \"min_replica\": 0}"),
                database.lines("SELECT settings::text FROM applied_settings WHERE model_id = 'crash'"));
    }

    @Test
    void leavesTheOpenIntentOfALiveInstanceToThatInstance() {
        PolicyFolder.write("a.yaml", businessHours("busy"));
        catalog.refresh();
        database.execute("INSERT INTO qrtz_scheduler_state (sched_name, instance_name, last_checkin_time, checkin_interval) "
                + "VALUES ('" + member.clusterName() + "', 'live-host1765000000000', " + System.currentTimeMillis() + ", 2000)");
        try {
            openIntentOf("busy", "live-host1765000000000");

            reconcile(Trigger.SAFETY);

            assertEquals(0, requestsFor("busy"), "neither completed nor sent again from the same applied state");
            assertEquals(List.of("busy 2026-12-04T19:00Z SCHEDULE {\"max_replica\": 2, \"min_replica\": 0} OPEN"),
                    database.audit());
        } finally {
            database.execute("DELETE FROM qrtz_scheduler_state WHERE instance_name = 'live-host1765000000000'");
        }
    }

    @Test
    void aTransitionDueWhileTheModelsChangeIsInFlightIsAppliedWhenTheChangeEnds() {
        PolicyFolder.write("a.yaml", businessHours("slow"));
        slowInferless();
        clock.set("2026-12-07T07:59:59Z");
        catalog.refresh();
        assertEquals(1, reconciler.reconcile(Trigger.CATCH_UP)); // the baseline: its call takes 300 ms
        clock.set("2026-12-07T08:00:00Z");

        assertEquals(0, reconciler.reconcile(Trigger.SCHEDULE), "the model is busy: nothing dispatched now");
        reconciler.awaitIdle(WAIT);

        assertEquals(List.of(
                "slow 2026-12-04T19:00Z CATCH_UP {\"max_replica\": 2, \"min_replica\": 0} APPLIED",
                "slow 2026-12-07T08:00Z SCHEDULE {\"max_replica\": 8, \"min_replica\": 2} APPLIED"),
                database.audit());
        assertEquals(2, requestsFor("slow"));
    }

    @Test
    void aTransitionAnotherInstanceFiredWhileThisOneHadTheChangeInFlightIsAppliedWhenTheChangeEnds() {
        // The other instance's reconcile at 08:00 saw the old applied settings and the baseline intent
        // in flight, and could not start a change from the same applied state: this one follows up.
        PolicyFolder.write("a.yaml", businessHours("elsewhere"));
        slowInferless();
        clock.set("2026-12-07T07:59:59Z");
        catalog.refresh();
        assertEquals(1, reconciler.reconcile(Trigger.CATCH_UP));
        clock.set("2026-12-07T08:00:00Z");

        reconciler.awaitIdle(WAIT);

        assertEquals(List.of(
                "elsewhere 2026-12-04T19:00Z CATCH_UP {\"max_replica\": 2, \"min_replica\": 0} APPLIED",
                "elsewhere 2026-12-07T08:00Z SCHEDULE {\"max_replica\": 8, \"min_replica\": 2} APPLIED"),
                database.audit());
    }

    @Test
    void aCompletedOrphanIsFollowedByTheChangeDueSinceInTheSameReconcile() {
        PolicyFolder.write("a.yaml", businessHours("orphan"));
        catalog.refresh();
        openIntentOf("orphan", "killed-host1765000000000"); // the 19:00 baseline, left open on Friday
        clock.set("2026-12-07T09:00:00Z");                   // Monday, business hours

        reconcile(Trigger.SAFETY);

        assertEquals(List.of(
                "orphan 2026-12-04T19:00Z SCHEDULE {\"max_replica\": 2, \"min_replica\": 0} APPLIED",
                "orphan 2026-12-07T08:00Z SAFETY {\"max_replica\": 8, \"min_replica\": 2} APPLIED"),
                database.audit());
        assertEquals(2, requestsFor("orphan"));
    }

    /** Inferless answering each update after 300 ms (the test read timeout is 400 ms): the test acts while a call is in flight. */
    private void slowInferless() {
        wiremock.resetMappings();
        wiremock.register(post(SETTINGS).willReturn(okJson("{\"status\":\"success\"}").withFixedDelay(300)));
    }

    /** An intent as {@code instance} writes it before its call: the audit row without outcome. */
    private void openIntentOf(String model, String instance) {
        Settings desired = new Settings(0, 2, null, null, null, null, null, null);
        long id = audit.open(new Intent(model, Instant.parse("2026-12-04T19:00:00Z"), Trigger.SCHEDULE,
                List.of(model + "-baseline"), null, null, desired, desired, List.of(), "scheduler")).getAsLong();
        database.execute("UPDATE audit_entry SET instance_id = '" + instance + "' WHERE id = " + id);
    }

    @Test
    void keepsTheLastGoodVersionOfABrokenFileAndPicksUpTheFix() {
        PolicyFolder.write("team.yaml", "name: team\nmodels: [broken-file]\nalways: true\nsettings: {min_replica: 1}\n");
        PolicyFolder.write("other.yaml", "name: other\nmodels: [other-model]\nalways: true\nsettings: {min_replica: 3}\n");
        reconcile(Trigger.CATCH_UP);
        assertEquals(1, requestsFor("broken-file"));

        PolicyFolder.write("team.yaml", "name: team\nmodels: [broken-file]\nalways: true\nsettings: {min_replicas: 5}\n");
        reconcile(Trigger.POLICY_CHANGE);

        assertEquals(1, requestsFor("broken-file"), "nothing is applied from the broken version");
        assertEquals(List.of(PolicyFolder.DIR.resolve("team.yaml").toString()), List.copyOf(catalog.current().filesInError()));
        String error = catalog.current().problems().get(0).message();
        assertTrue(error.contains("team.yaml:4") && error.contains("min_replicas"), error);
        assertEquals(2, catalog.current().policies().size(), "the last good 'team' and 'other' stay in force");
        given().when().get("/q/health/ready").then().statusCode(200).body(containsString("min_replicas"));

        PolicyFolder.write("team.yaml", "name: team\nmodels: [broken-file]\nalways: true\nsettings: {min_replica: 2}\n");
        reconcile(Trigger.POLICY_CHANGE);

        assertEquals(2, requestsFor("broken-file"));
        assertTrue(catalog.current().filesInError().isEmpty());
        wiremock.verifyThat(postRequestedFor(urlEqualTo(SETTINGS))
                .withRequestBody(matchingJsonPath("$.data.min_replica", equalTo("2"))));
    }

    @Test
    void aFreezeSkipsChangesAuditingEachOnceAndTheUnfreezeAppliesThem() {
        PolicyFolder.write("a.yaml", businessHours("frozen"));
        actions.freeze("ops@example.com", "incident 42");

        reconcile(Trigger.CATCH_UP);
        reconcile(Trigger.SAFETY);
        assertEquals(0, requestsFor("frozen"));
        assertEquals(List.of("frozen 2026-12-04T19:00Z CATCH_UP {\"max_replica\": 2, \"min_replica\": 0} SKIPPED"),
                database.audit());
        assertTrue(database.lines("SELECT reason FROM audit_entry").get(0).contains("incident 42"));

        actions.unfreeze("ops@example.com");
        reconciler.awaitIdle(WAIT);
        assertEquals(1, requestsFor("frozen"));
    }

    @Test
    void aPausedPolicyStopsContributingUntilResumed() {
        PolicyFolder.write("a.yaml", businessHours("paused"));
        clock.set("2026-12-07T09:00:00Z");
        reconcile(Trigger.CATCH_UP);                         // business hours: 2..8

        actions.pause("paused-business", "ops@example.com");
        reconciler.awaitIdle(WAIT);
        actions.resume("paused-business", "ops@example.com");
        reconciler.awaitIdle(WAIT);

        assertEquals(List.of(
                "paused 2026-12-07T08:00Z CATCH_UP {\"max_replica\": 8, \"min_replica\": 2} APPLIED",
                "paused 2026-12-07T09:00Z POLICY_CHANGE {\"max_replica\": 2, \"min_replica\": 0} APPLIED",
                "paused 2026-12-07T09:00Z POLICY_CHANGE {\"max_replica\": 8, \"min_replica\": 2} APPLIED"),
                database.audit());
    }

    @Test
    void publishesItsMetrics() {
        PolicyFolder.write("a.yaml", businessHours("metrics"));
        reconcile(Trigger.CATCH_UP);
        clock.set("2026-12-07T08:00:00Z");
        reconcile(Trigger.SCHEDULE);

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String name : List.of("scaler_changes_total{outcome=\"APPLIED\"}", "scaler_transition_lag_seconds_bucket",
                "scaler_policies_loaded", "scaler_policy_files_in_error", "scaler_reconcile_last_age_seconds")) {
            assertTrue(metrics.contains(name), name + " missing from /q/metrics");
        }
    }
}
