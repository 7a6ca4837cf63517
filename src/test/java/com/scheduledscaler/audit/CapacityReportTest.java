package com.scheduledscaler.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.scheduledscaler.audit.CapacityReport.Capacity;
import com.scheduledscaler.audit.CapacityReport.CapacityLine;
import com.scheduledscaler.audit.CapacityReport.Grouping;
import com.scheduledscaler.testing.TestDatabase;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The test profile prices T4 at 0.5 and A10 at 1.25 per replica-hour; nothing else has a price. */
@QuarkusTest
class CapacityReportTest {

    /** Monday 2026-12-07 00:00 UTC to the next Monday. */
    private static final Instant MONDAY = Instant.parse("2026-12-07T00:00:00Z");
    private static final Instant NEXT_MONDAY = MONDAY.plus(Duration.ofDays(7));

    @Inject
    CapacityReport report;

    @Inject
    TestDatabase database;

    @Inject
    AgroalDataSource db;

    private long nextBase = 1;

    @BeforeEach
    void empty() {
        database.reset();
    }

    @Test
    void twoReplicasElevenHoursEachWeekdayAre110ReplicaHoursAnd55AtHalfAUnitAnHour() throws SQLException {
        officeHours("m1", "T4");

        Capacity week = report.report(MONDAY, NEXT_MONDAY, Grouping.MODEL);

        assertEquals(List.of(new CapacityLine("m1", 110.0, 55.0)), week.lines());
        assertEquals(110.0, week.totalReplicaHours());
        assertEquals(55.0, week.totalCost());
        assertEquals(List.of(new CapacityLine("T4", 110.0, 55.0)),
                report.report(MONDAY, NEXT_MONDAY, Grouping.MACHINE_TYPE).lines());
    }

    @Test
    void groupsByMachineTypeWithUnknownForNoneAndNoCostWithoutAPrice() throws SQLException {
        officeHours("m1", "T4"); // 110 replica-hours
        applied("m2", MONDAY.minus(Duration.ofDays(30)), null, "{\"min_replica\":1,\"machine_type\":\"A10\"}"); // 168
        applied("m3", MONDAY.plus(Duration.ofDays(2)), null, "{\"min_replica\":3}"); // 3 x 120 h, no machine type
        applied("m4", MONDAY.plus(Duration.ofHours(10)), null, "{\"min_replica\":1,\"machine_type\":\"H100\"}");
        applied("m4", MONDAY.plus(Duration.ofHours(20)), "{\"min_replica\":1,\"machine_type\":\"H100\"}",
                "{\"min_replica\":0}"); // 10 replica-hours on a machine type without a price
        applied("m5", MONDAY.plus(Duration.ofDays(6)), null, "{\"min_replica\":1,\"machine_type\":\"T4\"}"); // 24

        Capacity byType = report.report(MONDAY, NEXT_MONDAY, Grouping.MACHINE_TYPE);

        assertEquals(List.of(new CapacityLine("A10", 168.0, 210.0), new CapacityLine("H100", 10.0, null),
                new CapacityLine("T4", 134.0, 67.0), new CapacityLine("unknown", 360.0, null)), byType.lines());
        assertEquals(672.0, byType.totalReplicaHours());
        assertNull(byType.totalCost(), "some replica-hours have no price");

        Capacity byModel = report.report(MONDAY, NEXT_MONDAY, Grouping.MODEL);
        assertEquals(List.of(new CapacityLine("m1", 110.0, 55.0), new CapacityLine("m2", 168.0, 210.0),
                new CapacityLine("m3", 360.0, null), new CapacityLine("m4", 10.0, null),
                new CapacityLine("m5", 24.0, 12.0)), byModel.lines());
    }

    @Test
    void theSettingInForceAtTheStartCountsFromTheStartAndChangesAfterTheEndDoNot() throws SQLException {
        applied("m1", MONDAY.minus(Duration.ofDays(3)), null, "{\"min_replica\":5,\"machine_type\":\"T4\"}");
        applied("m1", MONDAY.minus(Duration.ofDays(1)), "{\"min_replica\":5,\"machine_type\":\"T4\"}",
                "{\"min_replica\":2}");
        applied("m1", MONDAY.plus(Duration.ofHours(6)), "{\"min_replica\":2,\"machine_type\":\"T4\"}",
                "{\"min_replica\":4}");
        applied("m1", MONDAY.plus(Duration.ofHours(30)), "{\"min_replica\":4,\"machine_type\":\"T4\"}",
                "{\"min_replica\":9}");

        Capacity day = report.report(MONDAY, MONDAY.plus(Duration.ofHours(24)), Grouping.MODEL);

        assertEquals(List.of(new CapacityLine("m1", 2 * 6 + 4 * 18.0, 42.0)), day.lines());
    }

    @Test
    void onlyAppliedRowsChangeWhatIsInForce() throws SQLException {
        applied("m1", MONDAY, null, "{\"min_replica\":1,\"machine_type\":\"T4\"}");
        completed("m1", MONDAY.plus(Duration.ofHours(1)), "FAILED", "{\"min_replica\":1,\"machine_type\":\"T4\"}",
                "{\"min_replica\":8}");
        completed("m1", MONDAY.plus(Duration.ofHours(2)), "DRY_RUN", "{\"min_replica\":1,\"machine_type\":\"T4\"}",
                "{\"min_replica\":8}");
        completed("m1", MONDAY.plus(Duration.ofHours(3)), "SKIPPED", "{\"min_replica\":1,\"machine_type\":\"T4\"}",
                "{\"min_replica\":8}");

        assertEquals(10.0, report.report(MONDAY, MONDAY.plus(Duration.ofHours(10)), Grouping.MODEL)
                .totalReplicaHours());
    }

    @Test
    void noMinReplicaCountsAsZeroAndNoHistoryAsNothing() throws SQLException {
        applied("m1", MONDAY, null, "{\"max_replica\":4,\"machine_type\":\"T4\"}");
        applied("m2", NEXT_MONDAY, null, "{\"min_replica\":4,\"machine_type\":\"T4\"}");

        Capacity week = report.report(MONDAY, NEXT_MONDAY, Grouping.MODEL);

        assertEquals(List.of(new CapacityLine("m1", 0.0, 0.0)), week.lines());
        assertEquals(0.0, week.totalCost());
        assertEquals(List.of(), report.report(MONDAY.minusSeconds(10), MONDAY, Grouping.MODEL).lines());
    }

    @Test
    void anEmptyOrReversedRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> report.report(MONDAY, MONDAY, Grouping.MODEL));
        assertThrows(IllegalArgumentException.class, () -> report.report(NEXT_MONDAY, MONDAY, Grouping.MODEL));
    }

    /** 2 replicas from 07:00 to 18:00 UTC Monday to Friday, 0 otherwise. */
    private void officeHours(String model, String machineType) throws SQLException {
        String down = "{\"min_replica\":0,\"machine_type\":\"" + machineType + "\"}";
        String up = "{\"min_replica\":2,\"machine_type\":\"" + machineType + "\"}";
        for (int day = 0; day < 5; day++) {
            Instant date = MONDAY.plus(Duration.ofDays(day));
            applied(model, date.plus(Duration.ofHours(7)), day == 0 ? null : down,
                    day == 0 ? up : "{\"min_replica\":2}");
            applied(model, date.plus(Duration.ofHours(18)), up, "{\"min_replica\":0}");
        }
    }

    private void applied(String model, Instant at, String before, String sent) throws SQLException {
        completed(model, at, "APPLIED", before, sent);
    }

    private void completed(String model, Instant at, String outcome, String before, String sent)
            throws SQLException {
        String sql = """
                INSERT INTO audit_entry (model_id, transition_at, trigger, base_audit_id, before_settings,
                    after_settings, sent_settings, actor, created_at, outcome, attempts, completed_at)
                VALUES (?, ?, 'SCHEDULE', ?, ?::jsonb, ?::jsonb, ?::jsonb, 'scheduler', ?, ?, 1, ?)""";
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement(sql)) {
            insert.setString(1, model);
            insert.setObject(2, at.atOffset(ZoneOffset.UTC));
            insert.setLong(3, nextBase++);
            insert.setString(4, before);
            insert.setString(5, sent);
            insert.setString(6, sent);
            insert.setObject(7, at.minusMillis(300).atOffset(ZoneOffset.UTC));
            insert.setString(8, outcome);
            insert.setObject(9, at.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }
}
