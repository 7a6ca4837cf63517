package com.scheduledscaler.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.scheduledscaler.cluster.ClusterMember;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.SimpleTrigger;

/** The safety reconcile's cluster-wide trigger in Quartz's tables: planned once by however many instances. */
@QuarkusTest
class SafetyReconcileTriggerTest {

    @Inject
    SafetyReconcileTrigger safety;
    @Inject
    ClusterMember member;

    @AfterEach
    void off() {
        safety.plan(Optional.empty()); // as the test profile has it
    }

    @Test
    void instancesPlanningTogetherAllStartAndLeaveOneTriggerAtTheLastPeriod() throws Exception {
        safety.plan(Optional.empty());
        ExecutorService instances = Executors.newFixedThreadPool(4);
        try {
            List<Future<Void>> starts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                starts.add(instances.submit((Callable<Void>) () -> {
                    safety.plan(Optional.of(Duration.ofSeconds(60)));
                    return null;
                }));
            }
            for (Future<Void> start : starts) {
                start.get(); // none failed: with @Scheduled, all but one threw ObjectAlreadyExistsException
            }
        } finally {
            instances.shutdown();
        }
        Scheduler quartz = member.quartz();
        SimpleTrigger planned = (SimpleTrigger) quartz.getTrigger(SafetyReconcileTrigger.TRIGGER);
        assertEquals(60_000, planned.getRepeatInterval());
        assertEquals(1, quartz.getTriggersOfJob(SafetyReconcileTrigger.JOB).size());

        safety.plan(Optional.of(Duration.ofMinutes(5))); // an instance started with another period
        assertEquals(300_000, ((SimpleTrigger) quartz.getTrigger(SafetyReconcileTrigger.TRIGGER)).getRepeatInterval());

        safety.plan(Optional.empty());
        assertNull(quartz.getTrigger(SafetyReconcileTrigger.TRIGGER));
        assertTrue(quartz.checkExists(SafetyReconcileTrigger.JOB), "the job stays, durable, for the next plan");
    }

    @Test
    void periodsAreQuarkusDurationsOrOff() {
        assertEquals(Optional.of(Duration.ofSeconds(60)), SafetyReconcileTrigger.period("60s"));
        assertEquals(Optional.of(Duration.ofMinutes(5)), SafetyReconcileTrigger.period("5m"));
        assertEquals(Optional.of(Duration.ofMinutes(1)), SafetyReconcileTrigger.period("PT1M"));
        assertEquals(Optional.empty(), SafetyReconcileTrigger.period("off"));
        assertEquals(Optional.empty(), SafetyReconcileTrigger.period("Disabled"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> SafetyReconcileTrigger.period("often"));
        assertTrue(bad.getMessage().contains("scaler.reconcile.safety-interval: 'often'"), bad.getMessage());
        assertFalse(assertThrows(IllegalArgumentException.class, () -> SafetyReconcileTrigger.period("0s"))
                .getMessage().isEmpty());
    }
}
