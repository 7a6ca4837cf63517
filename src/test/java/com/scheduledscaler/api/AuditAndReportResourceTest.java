package com.scheduledscaler.api;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.scheduledscaler.api.ApiUsers.anonymous;
import static com.scheduledscaler.api.ApiUsers.auditor;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.scheduledscaler.audit.Trigger;
import com.scheduledscaler.catalog.PolicyCatalog;
import com.scheduledscaler.reconcile.Reconciler;
import com.scheduledscaler.testing.MutableClock;
import com.scheduledscaler.testing.PolicyFolder;
import com.scheduledscaler.testing.TestDatabase;
import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A week of business hours (2 warm T4 replicas 08:00–19:00 UTC on weekdays, none otherwise) run through
 * the reconciler, then read back through the audit and capacity endpoints.
 */
@QuarkusTest
@ConnectWireMock
class AuditAndReportResourceTest {

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
    void aWeekOfBusinessHours() {
        database.reset();
        wiremock.resetMappings();
        wiremock.register(post("/rest/model/settings/update/").willReturn(okJson("{\"status\":\"success\"}")));
        PolicyFolder.clear();
        PolicyFolder.write("week.yaml", """
                name: report-base
                models: [report-model]
                always: true
                settings: {min_replica: 0, machine_type: T4}
                ---
                name: report-day
                models: [report-model]
                priority: 1
                window: {days: Mon-Fri, from: "08:00", to: "19:00"}
                settings: {min_replica: 2}
                """);
        clock.set("2026-12-07T00:00:00Z");
        catalog.refresh();
        reconciler.reconcile(Trigger.CATCH_UP);
        reconciler.awaitIdle(Duration.ofSeconds(10));
        Instant end = Instant.parse("2026-12-14T00:00:00Z");
        for (Instant next = next(); next.isBefore(end); next = next()) {
            clock.set(next);
            reconciler.reconcile(Trigger.SCHEDULE);
            reconciler.awaitIdle(Duration.ofSeconds(10));
        }
    }

    private Instant next() {
        return catalog.current().policySet().nextTransition(clock.instant()).orElseThrow();
    }

    @Test
    void theCapacityReportMatchesTheHandComputedWeek() {
        // 2 replicas x 11 hours x 5 weekdays = 110 replica-hours; at 0.5 per T4 hour (test config) 55.0.
        auditor().queryParam("from", "2026-12-07T00:00:00Z").queryParam("to", "2026-12-14T00:00:00Z")
                .when().get("/api/reports/capacity").then().statusCode(200)
                .body("lines", hasSize(1))
                .body("lines[0].group", equalTo("report-model"))
                .body("lines[0].replica_hours", equalTo(110.0f))
                .body("lines[0].cost", equalTo(55.0f));
        auditor().queryParam("from", "2026-12-07T00:00:00Z").queryParam("to", "2026-12-14T00:00:00Z")
                .queryParam("group", "machine_type")
                .when().get("/api/reports/capacity").then().statusCode(200)
                .body("lines[0].group", equalTo("T4"))
                .body("total_replica_hours", equalTo(110.0f));
        auditor().queryParam("group", "gpu").when().get("/api/reports/capacity").then().statusCode(400)
                .body("errors[0].field", equalTo("group"));
    }

    @Test
    void auditPagesAreNewestFirstAndTheCursorWalksEveryRowOnce() {
        List<Integer> ids = new ArrayList<>();
        String cursor = null;
        do {
            var request = auditor().queryParam("model", "report-model").queryParam("limit", 3);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            var page = request.when().get("/api/audit").then().statusCode(200)
                    .body("rows.model_id", everyItem(equalTo("report-model"))).extract().jsonPath();
            ids.addAll(page.getList("rows.id", Integer.class));
            cursor = page.getString("next_cursor");
        } while (cursor != null);

        assertEquals(11, ids.size(), "the catch-up and 10 weekday transitions");
        List<Integer> newestFirst = new ArrayList<>(ids);
        newestFirst.sort(java.util.Comparator.reverseOrder());
        assertEquals(newestFirst, ids);
        assertEquals(ids.size(), ids.stream().distinct().count());
    }

    @Test
    void filtersByOutcomePolicyAndTime() {
        auditor().queryParam("outcome", "applied").queryParam("policy", "report-day")
                .queryParam("from", "2026-12-08T00:00:00Z").queryParam("to", "2026-12-09T00:00:00Z")
                .when().get("/api/audit").then().statusCode(200)
                .body("rows", hasSize(1))
                .body("rows[0].sent.min_replica", equalTo(2))
                .body("next_cursor", nullValue());
    }

    @Test
    void streamsTheSameQueryAsCsv() {
        String csv = auditor().accept("text/csv").queryParam("model", "report-model")
                .when().get("/api/audit").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        assertEquals(12, csv.strip().lines().count(), "a header and 11 rows:\n" + csv);
    }

    @Test
    void badQueryParametersGet400() {
        auditor().queryParam("limit", 0).when().get("/api/audit").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        auditor().queryParam("limit", 5000).when().get("/api/audit").then().statusCode(400);
        auditor().queryParam("outcome", "MAYBE").when().get("/api/audit").then().statusCode(400)
                .body("detail", containsString("APPLIED"));
        auditor().queryParam("from", "last week").when().get("/api/audit").then().statusCode(400);
        auditor().queryParam("from", "2026-12-09T00:00:00Z").queryParam("to", "2026-12-08T00:00:00Z")
                .when().get("/api/audit").then().statusCode(400);
        auditor().queryParam("cursor", "not-a-cursor").when().get("/api/audit").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        auditor().queryParam("limit", "ten").when().get("/api/audit").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void inputThatLooksLikeSqlIsData() {
        auditor().queryParam("model", "x' OR '1'='1").when().get("/api/audit").then().statusCode(200).body("rows", hasSize(0));
        auditor().queryParam("policy", "'; DROP TABLE audit_entry; --").when().get("/api/audit").then().statusCode(200)
                .body("rows", hasSize(0));
        auditor().queryParam("model", "report-model").when().get("/api/audit").then().body("rows", hasSize(11));
    }

    @Test
    void anonymousGets401() {
        anonymous().when().get("/api/audit").then().statusCode(401);
        anonymous().when().get("/api/reports/capacity").then().statusCode(401);
    }
}
