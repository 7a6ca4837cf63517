package com.scheduledscaler.api;

import static com.scheduledscaler.api.ApiUsers.anonymous;
import static com.scheduledscaler.api.ApiUsers.auditor;
import static com.scheduledscaler.api.ApiUsers.operator;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import com.scheduledscaler.catalog.PolicyCatalog;
import com.scheduledscaler.testing.MutableClock;
import com.scheduledscaler.testing.PolicyFolder;
import com.scheduledscaler.testing.TestDatabase;
import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@ConnectWireMock
class PolicyResourceTest {

    static final String API_POLICY = """
            {"name": "api-launch", "models": ["api-model"], "always": true, "settings": {"min_replica": 1}}""";

    com.github.tomakehurst.wiremock.client.WireMock wiremock;

    @Inject
    MutableClock clock;
    @Inject
    TestDatabase database;
    @Inject
    PolicyCatalog catalog;

    @BeforeEach
    void setUp() {
        database.reset();
        wiremock.register(com.github.tomakehurst.wiremock.client.WireMock.post("/rest/model/settings/update/")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"status\":\"success\"}")));
        PolicyFolder.clear();
        PolicyFolder.write("team.yaml", "name: file-policy\nmodels: [file-model]\nalways: true\nsettings: {min_replica: 2}\n");
        clock.set("2026-12-07T07:00:00Z");
        catalog.refresh();
    }

    @Test
    void anonymousGets401AsAProblem() {
        anonymous().when().get("/api/policies").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Basic"))
                .body("status", equalTo(401));
    }

    @Test
    void wrongPasswordGets401() {
        given().auth().preemptive().basic("audrey", "nope").when().get("/api/policies").then().statusCode(401);
    }

    @Test
    void anAuditorReadsPoliciesWithTheirSource() {
        auditor().when().get("/api/policies").then().statusCode(200)
                .body("name", hasItem("file-policy"))
                .body("find { it.name == 'file-policy' }.source", equalTo("file:test-policies/team.yaml"))
                .body("find { it.name == 'file-policy' }.status", equalTo("active"));
    }

    @Test
    void anAuditorWritingGets403() {
        auditor().contentType("application/json").body(API_POLICY).when().post("/api/policies").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void anOperatorCreatesReplacesAndDeletesAnApiPolicy() {
        operator().contentType("application/json").body(API_POLICY).when().post("/api/policies").then().statusCode(201)
                .header("Location", containsString("/api/policies/api-launch"))
                .body("source", equalTo("api"));
        operator().contentType("application/json").body(API_POLICY).when().post("/api/policies").then().statusCode(409);
        operator().contentType("application/json").body(API_POLICY.replace("\"min_replica\": 1", "\"min_replica\": 3"))
                .when().put("/api/policies/api-launch").then().statusCode(200).body("settings.min_replica", equalTo(3));
        operator().when().delete("/api/policies/api-launch").then().statusCode(204);
        auditor().when().get("/api/policies/api-launch").then().statusCode(404).contentType("application/problem+json");
        org.junit.jupiter.api.Assertions.assertEquals(
                java.util.List.of("oscar put-policy api-launch", "oscar put-policy api-launch", "oscar delete-policy api-launch"),
                database.lines("SELECT actor || ' ' || action || ' ' || target FROM operator_action ORDER BY id"));
    }

    @Test
    void editingAFilePolicyGets409() {
        String body = "{\"name\": \"file-policy\", \"models\": [\"x\"], \"always\": true}";
        operator().contentType("application/json").body(body).when().put("/api/policies/file-policy").then().statusCode(409)
                .body("detail", containsString("team.yaml"));
        operator().when().delete("/api/policies/file-policy").then().statusCode(409);
        operator().contentType("application/json").body(body).when().post("/api/policies").then().statusCode(409);
    }

    @Test
    void anInvalidPolicyGets422ListingEachError() {
        String body = """
                {"name": "bad",
                 "models": ["m"],
                 "timezone": "Mars/Olympus",
                 "window": {"from": "08:00", "to": "08:00"},
                 "settings": {"min_replicas": 2}}""";
        operator().contentType("application/json").body(body).when().post("/api/policies/validate").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors", hasSize(3))
                .body("errors.message", hasItem(containsString("Mars/Olympus")))
                .body("errors.message", hasItem(containsString("min_replicas")));
    }

    @Test
    void validateAnswersWarningsForAValidPolicy() {
        auditor().contentType("application/json").body(API_POLICY).when().post("/api/policies/validate").then()
                .statusCode(200).body("name", equalTo("api-launch"));
    }

    @Test
    void inputThatLooksLikeSqlIsData() {
        auditor().when().get("/api/policies/x'; DROP TABLE audit_entry; --").then().statusCode(404);
        operator().when().post("/api/policies/x' OR '1'='1/pause").then().statusCode(404);
        auditor().when().get("/api/policies").then().statusCode(200);
    }

    @Test
    void pauseAndResumeAnyPolicy() {
        operator().when().post("/api/policies/file-policy/pause").then().statusCode(204);
        auditor().when().get("/api/policies/file-policy").then().body("status", equalTo("paused"));
        operator().when().post("/api/policies/file-policy/resume").then().statusCode(204);
        auditor().when().get("/api/policies/file-policy").then().body("status", equalTo("active"));
    }
}
