package com.scheduledscaler.reconcile;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.scheduledscaler.audit.Trigger;
import com.scheduledscaler.catalog.PolicyCatalog;
import com.scheduledscaler.policy.Settings;
import com.scheduledscaler.policy.SettingsOverride;
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
 * A week of business hours (Berlin), a baseline, weekend scale-to-zero, a holiday from an ICS file and a
 * launch override, driven by the injected clock from one transition to the next, as the transition
 * timer does. Asserts the exact requests Inferless receives and the exact audit rows.
 */
@QuarkusTest
@ConnectWireMock
class WeekOfSchedulesTest {

    static final String POLICIES = """
            name: baseline-week
            models: [llama-week, whisper-week]
            always: true
            settings: {min_replica: 0, max_replica: 2}
            ---
            name: business-hours-week
            models: [llama-week]
            timezone: Europe/Berlin
            priority: 100
            window: {days: Mon-Fri, from: "08:00", to: "19:00"}
            calendar:
              except: [calendars/holidays.ics]
            settings: {min_replica: 2, max_replica: 8, scale_down_delay: 600}
            """;

    static final String HOLIDAYS = """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//scheduled-scaler test//EN
            BEGIN:VEVENT
            UID:company-day-2026@example.com
            DTSTAMP:20261201T000000Z
            DTSTART;VALUE=DATE:20261209
            DTEND;VALUE=DATE:20261210
            SUMMARY:Company holiday
            END:VEVENT
            END:VCALENDAR
            """;

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

    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() {
        database.reset();
        wiremock.resetRequests();
        wiremock.resetMappings();
        wiremock.register(post("/rest/model/settings/update/").willReturn(okJson("{\"status\":\"success\"}")));
        PolicyFolder.clear();
        PolicyFolder.write("week.yaml", POLICIES);
        PolicyFolder.write("calendars/holidays.ics", HOLIDAYS);
    }

    @Test
    void appliesAWeekOfSchedulesExactlyAsPlanned() {
        clock.set("2026-12-07T00:00:00Z"); // Monday, 01:00 in Berlin
        catalog.refresh();
        reconciler.reconcile(Trigger.CATCH_UP);
        reconciler.awaitIdle(Duration.ofSeconds(10));

        Instant launch = Instant.parse("2026-12-10T09:00:00Z");
        Instant weekEnd = Instant.parse("2026-12-14T00:00:00Z");
        boolean launched = false;
        while (true) {
            Instant next = catalog.current().policySet().nextTransition(clock.instant()).orElseThrow();
            if (!launched && launch.isBefore(next)) {
                clock.set(launch);
                actions.override(new SettingsOverride("llama-week", new Settings(6, 10, null, null, null, null, null, null),
                        Instant.parse("2026-12-10T13:00:00Z"), "launch"), "ops@example.com");
                reconciler.awaitIdle(Duration.ofSeconds(10));
                launched = true;
                continue;
            }
            if (!next.isBefore(weekEnd)) {
                break;
            }
            clock.set(next);
            reconciler.reconcile(Trigger.SCHEDULE);
            reconciler.awaitIdle(Duration.ofSeconds(10));
        }

        String off = "{\"min_replica\":0,\"max_replica\":2}";
        String firstOn = "{\"min_replica\":2,\"max_replica\":8,\"scale_down_delay\":600}";
        String on = "{\"min_replica\":2,\"max_replica\":8}"; // scale_down_delay is already 600
        String launchOn = "{\"min_replica\":6,\"max_replica\":10}";
        assertEquals(List.of(off, firstOn, off, on, off, on, launchOn, on, off, on, off), sent("llama-week"),
                "requests for llama-week: Mon on/off, Tue on/off, Wednesday a holiday, Thu on/launch/back/off, Fri on/off");
        assertEquals(List.of(off), sent("whisper-week"), "the baseline-only model changes once");

        String offRow = "{\"max_replica\": 2, \"min_replica\": 0}";
        String firstOnRow = "{\"max_replica\": 8, \"min_replica\": 2, \"scale_down_delay\": 600}";
        String onRow = "{\"max_replica\": 8, \"min_replica\": 2}";
        assertEquals(List.of(
                "llama-week 2026-12-04T18:00Z CATCH_UP " + offRow + " APPLIED",
                "llama-week 2026-12-07T07:00Z SCHEDULE " + firstOnRow + " APPLIED",
                "llama-week 2026-12-07T18:00Z SCHEDULE " + offRow + " APPLIED",
                "llama-week 2026-12-08T07:00Z SCHEDULE " + onRow + " APPLIED",
                "llama-week 2026-12-08T18:00Z SCHEDULE " + offRow + " APPLIED",
                "llama-week 2026-12-10T07:00Z SCHEDULE " + onRow + " APPLIED",
                "llama-week 2026-12-10T09:00Z OVERRIDE {\"max_replica\": 10, \"min_replica\": 6} APPLIED",
                "llama-week 2026-12-10T13:00Z SCHEDULE " + onRow + " APPLIED",
                "llama-week 2026-12-10T18:00Z SCHEDULE " + offRow + " APPLIED",
                "llama-week 2026-12-11T07:00Z SCHEDULE " + onRow + " APPLIED",
                "llama-week 2026-12-11T18:00Z SCHEDULE " + offRow + " APPLIED",
                "whisper-week 2026-12-07T00:00Z CATCH_UP " + offRow + " APPLIED"),
                database.lines("""
                        SELECT model_id || ' ' || to_char(transition_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"')
                            || ' ' || trigger || ' ' || sent_settings::text || ' ' || outcome
                        FROM audit_entry ORDER BY model_id, id"""));
        assertEquals(List.of("ops@example.com"),
                database.lines("SELECT DISTINCT actor FROM audit_entry WHERE trigger = 'OVERRIDE'"), "who set the override");
        assertEquals(List.of("scheduler"), database.lines("SELECT DISTINCT actor FROM audit_entry WHERE trigger <> 'OVERRIDE'"));
        assertEquals(List.of("llama-week {\"max_replica\": 2, \"min_replica\": 0, \"scale_down_delay\": 600}"),
                database.lines("SELECT model_id || ' ' || settings::text FROM applied_settings WHERE model_id = 'llama-week'"),
                "applied state: what was last sent on top of what was there");
    }

    private List<String> sent(String model) {
        List<String> bodies = new ArrayList<>();
        for (var request : wiremock.find(WireMock.postRequestedFor(WireMock.urlEqualTo("/rest/model/settings/update/")))) {
            try {
                JsonNode body = json.readTree(request.getBodyAsString());
                if (body.path("model_id").asText().equals(model)) {
                    bodies.add(body.path("data").toString());
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return bodies;
    }
}
