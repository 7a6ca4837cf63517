package com.scheduledscaler.reconcile;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.scheduledscaler.audit.Trigger;
import com.scheduledscaler.catalog.PolicyCatalog;
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
import org.junit.jupiter.api.Test;

/**
 * The one test of the real timer: the clock runs at real speed from 300 ms before a transition, and the
 * change must reach Inferless within a second of the transition instant without anyone calling the
 * reconciler.
 */
@QuarkusTest
@ConnectWireMock
class TransitionTimerTest {

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
    TransitionTimer timer;

    @AfterEach
    void stopTheClock() {
        clock.set(clock.instant());
        timer.plan(); // re-planned on a stopped clock: the next transition is hours away
    }

    @Test
    void sendsTheChangeWithinASecondOfTheTransitionInstant() throws InterruptedException {
        database.reset();
        wiremock.resetRequests();
        wiremock.register(post("/rest/model/settings/update/").willReturn(okJson("{\"status\":\"success\"}")));
        PolicyFolder.clear();
        PolicyFolder.write("timer.yaml", """
                name: timer-base
                models: [timer-model]
                always: true
                settings: {min_replica: 0}
                ---
                name: timer-day
                models: [timer-model]
                priority: 1
                window: {from: "08:00", to: "19:00"}
                settings: {min_replica: 2}
                """);
        clock.set("2026-12-07T07:00:00Z");
        catalog.refresh();
        reconciler.reconcile(Trigger.CATCH_UP);
        reconciler.awaitIdle(Duration.ofSeconds(10));
        wiremock.resetRequests();

        Instant transition = Instant.parse("2026-12-07T08:00:00Z");
        clock.runFrom(transition.minusMillis(300));
        long started = System.nanoTime();
        Instant realTransition = Instant.now().plusMillis(300); // when the daemon's clock reads 08:00:00
        timer.plan();

        long deadline = started + Duration.ofSeconds(5).toNanos();
        while (wiremock.find(postRequestedFor(urlEqualTo("/rest/model/settings/update/"))).isEmpty()
                && System.nanoTime() < deadline) {
            Thread.sleep(20); // waiting for the real timer, the thing under test
        }
        reconciler.awaitIdle(Duration.ofSeconds(10));

        var requests = wiremock.find(postRequestedFor(urlEqualTo("/rest/model/settings/update/")));
        assertEquals(1, requests.size(), "the timer fired the transition once");
        Duration late = Duration.between(realTransition, requests.get(0).getLoggedDate().toInstant());
        assertTrue(late.toMillis() > -50, "sent " + -late.toMillis() + " ms before the transition");
        assertTrue(late.compareTo(Duration.ofSeconds(1)) < 0, "sent " + late.toMillis() + " ms after the transition");
        assertEquals(List.of("timer-model 2026-12-07T08:00Z SCHEDULE {\"min_replica\": 2} APPLIED"),
                database.audit().subList(1, 2));
    }
}
