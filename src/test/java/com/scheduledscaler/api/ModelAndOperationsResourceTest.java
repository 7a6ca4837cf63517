package com.scheduledscaler.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.scheduledscaler.api.ApiUsers.anonymous;
import static com.scheduledscaler.api.ApiUsers.auditor;
import static com.scheduledscaler.api.ApiUsers.operator;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.scheduledscaler.catalog.PolicyCatalog;
import com.scheduledscaler.inferless.InferlessSpec;
import com.scheduledscaler.reconcile.Reconciler;
import com.scheduledscaler.testing.MutableClock;
import com.scheduledscaler.testing.PolicyFolder;
import com.scheduledscaler.testing.TestDatabase;
import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ConnectWireMock
class ModelAndOperationsResourceTest {

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
        wiremock.resetMappings();
        wiremock.resetRequests();
        wiremock.register(post("/rest/model/settings/update/").willReturn(okJson("{\"status\":\"success\"}")));
        PolicyFolder.clear();
        PolicyFolder.write("a.yaml", """
                name: api-base
                models: [api-model]
                always: true
                settings: {min_replica: 0, max_replica: 2}
                ---
                name: api-day
                models: [api-model]
                priority: 1
                window: {from: "08:00", to: "19:00"}
                settings: {min_replica: 2, max_replica: 8}
                """);
        clock.set("2026-12-07T07:00:00Z");
        catalog.refresh();
    }

    @AfterEach
    void everyRequestConformsToTheSpec() {
        reconciler.awaitIdle(Duration.ofSeconds(10));
        InferlessSpec.assertAllRequestsConform(wiremock);
    }

    @Test
    void showsAModelsAppliedDesiredAndNextTransition() {
        reconciler.reconcile(com.scheduledscaler.audit.Trigger.CATCH_UP);
        reconciler.awaitIdle(Duration.ofSeconds(10));

        auditor().when().get("/api/models/api-model").then().statusCode(200)
                .body("applied.min_replica", equalTo(0))
                .body("desired.max_replica", equalTo(2))
                .body("next_transition.at", equalTo("2026-12-07T08:00:00Z"))
                .body("next_transition.settings.min_replica", equalTo(2))
                .body("last_outcome.outcome", equalTo("APPLIED"));
        auditor().when().get("/api/models").then().statusCode(200).body("id", hasSize(1));
        auditor().when().get("/api/models/nobody").then().statusCode(404).contentType("application/problem+json");
        anonymous().when().get("/api/models").then().statusCode(401);
    }

    @Test
    void anOperatorOverridesAModelUntilAnInstant() {
        String body = "{\"settings\": {\"min_replica\": 6, \"max_replica\": 10}, \"until\": \"2026-12-07T12:00:00Z\","
                + " \"reason\": \"launch\"}";
        auditor().contentType("application/json").body(body).when().put("/api/models/api-model/override").then()
                .statusCode(403);
        operator().contentType("application/json").body(body).when().put("/api/models/api-model/override").then()
                .statusCode(200).body("desired.min_replica", equalTo(6)).body("overridden", equalTo(true));
        reconciler.awaitIdle(Duration.ofSeconds(10));
        wiremock.verifyThat(WireMock.postRequestedFor(WireMock.urlEqualTo("/rest/model/settings/update/"))
                .withRequestBody(WireMock.matchingJsonPath("$.data.min_replica", WireMock.equalTo("6"))));
        operator().when().delete("/api/models/api-model/override").then().statusCode(204);
        operator().when().delete("/api/models/api-model/override").then().statusCode(404);
    }

    @Test
    void rejectsBadOverrides() {
        String past = "{\"settings\": {\"min_replica\": 1}, \"until\": \"2026-12-01T00:00:00Z\"}";
        operator().contentType("application/json").body(past).when().put("/api/models/api-model/override").then()
                .statusCode(400).body("errors[0].field", equalTo("until"));
        String minAboveMax = "{\"settings\": {\"min_replica\": 5, \"max_replica\": 1}, \"until\": \"2026-12-08T00:00:00Z\"}";
        operator().contentType("application/json").body(minAboveMax).when().put("/api/models/api-model/override").then()
                .statusCode(400).body("detail", containsString("must not exceed"));
        String noUntil = "{\"settings\": {\"min_replica\": 1}}";
        operator().contentType("application/json").body(noUntil).when().put("/api/models/api-model/override").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("until"));
        String badDate = "{\"settings\": {\"min_replica\": 1}, \"until\": \"tomorrow\"}";
        operator().contentType("application/json").body(badDate).when().put("/api/models/api-model/override").then()
                .statusCode(400).body("detail", containsString("until"))
                .body("detail", org.hamcrest.Matchers.not(containsString("java.")));
    }

    @Test
    void theTimelineListsPlannedTransitions() {
        auditor().queryParam("from", "2026-12-07T00:00:00Z").queryParam("to", "2026-12-08T00:00:00Z")
                .when().get("/api/timeline").then().statusCode(200)
                .body("at", equalTo(java.util.List.of("2026-12-07T08:00:00Z", "2026-12-07T19:00:00Z")))
                .body("[0].model_id", equalTo("api-model"))
                .body("[0].changed", equalTo(java.util.List.of("min_replica", "max_replica")))
                .body("[0].policies", equalTo(java.util.List.of("api-day")))
                .body("[1].policies", equalTo(java.util.List.of("api-base")));
    }

    @Test
    void badQueryParametersGet400WithAMessage() {
        auditor().queryParam("from", "yesterday").when().get("/api/timeline").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("from"));
        auditor().queryParam("from", "2026-12-08T00:00:00Z").queryParam("to", "2026-12-07T00:00:00Z")
                .when().get("/api/timeline").then().statusCode(400).body("detail", containsString("must be before"));
        auditor().queryParam("from", "2026-01-01T00:00:00Z").queryParam("to", "2026-12-07T00:00:00Z")
                .when().get("/api/timeline").then().statusCode(400).body("detail", containsString("at most 31 days"));
    }

    @Test
    void freezeAndManualReconcile() {
        auditor().contentType("application/json").body("{\"reason\": \"incident\"}").when().post("/api/freeze").then()
                .statusCode(403);
        operator().contentType("application/json").body("{\"reason\": \"incident 7\"}").when().post("/api/freeze").then()
                .statusCode(204);
        auditor().when().get("/api/freeze").then().body("frozen", equalTo(true)).body("actor", equalTo("oscar"));
        operator().when().post("/api/reconcile").then().statusCode(200).body("dispatched", equalTo(0));
        wiremock.verifyThat(0, WireMock.postRequestedFor(WireMock.urlEqualTo("/rest/model/settings/update/")));
        operator().when().delete("/api/freeze").then().statusCode(204);
        reconciler.awaitIdle(Duration.ofSeconds(10));
        wiremock.verifyThat(1, WireMock.postRequestedFor(WireMock.urlEqualTo("/rest/model/settings/update/")));
        org.junit.jupiter.api.Assertions.assertEquals(
                java.util.List.of("oscar freeze incident 7", "oscar reconcile ", "oscar unfreeze "),
                database.lines("SELECT actor || ' ' || action || ' ' || details FROM operator_action ORDER BY id"),
                "every write is recorded with its actor");
    }

    @Test
    void logsComeFromTheInferlessLogsApiAndItsFailureIsA502() {
        wiremock.register(post("/rest/model/logs/get/").willReturn(okJson(
                "{\"status\":\"success\",\"details\":[{\"time\":\"2026-12-07T06:59:00Z\",\"log\":\"ready\",\"stream\":\"stdout\"}]}")));
        auditor().when().get("/api/models/api-model/logs").then().statusCode(200)
                .body("entries[0].log", equalTo("ready")).body("pages", equalTo(1));

        wiremock.register(post("/rest/model/logs/get/").willReturn(aResponse().withStatus(503)));
        auditor().when().get("/api/models/api-model/logs").then().statusCode(502)
                .contentType("application/problem+json").body("detail", containsString("503"));
    }
}
