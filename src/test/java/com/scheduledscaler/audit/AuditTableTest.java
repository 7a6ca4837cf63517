package com.scheduledscaler.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The append-only rules of the audit table hold in PostgreSQL itself, whatever the code does. */
@QuarkusTest
class AuditTableTest {

    @Inject
    AgroalDataSource db;

    @BeforeEach
    void empty() throws SQLException {
        try (Connection c = db.getConnection()) {
            c.createStatement().execute("TRUNCATE audit_entry");
        }
    }

    @Test
    void anIntentTakesItsOutcomeOnce() throws SQLException {
        long id = intent("m1", "2026-12-07T07:00:00Z");
        assertEquals(1, complete(id, "APPLIED"));

        var second = assertThrows(SQLException.class, () -> complete(id, "FAILED"));
        assertTrue(second.getMessage().contains("cannot be changed"), second.getMessage());
    }

    @Test
    void rowsCannotBeDeleted() throws SQLException {
        long id = intent("m1", "2026-12-07T07:00:00Z");
        var failure = assertThrows(SQLException.class, () -> execute("DELETE FROM audit_entry WHERE id = " + id));
        assertTrue(failure.getMessage().contains("append-only"), failure.getMessage());
    }

    @Test
    void theIntentItselfCannotBeRewritten() throws SQLException {
        long id = intent("m1", "2026-12-07T07:00:00Z");
        var failure = assertThrows(SQLException.class,
                () -> execute("UPDATE audit_entry SET after_settings = '{\"min_replica\":9}' WHERE id = " + id));
        assertTrue(failure.getMessage().contains("only the outcome"), failure.getMessage());
    }

    @Test
    void oneChangePerAppliedStateButAFailureOrASkipLeavesRoomForAnother() throws SQLException {
        long first = intent("m1", "2026-12-07T07:00:00Z");
        assertThrows(SQLException.class, () -> intent("m1", "2026-12-07T07:00:00Z"), "second intent in flight");

        complete(first, "FAILED");
        long retry = intent("m1", "2026-12-07T07:00:00Z");
        complete(retry, "SKIPPED");
        long again = intent("m1", "2026-12-07T07:00:00Z");
        complete(again, "APPLIED");
        assertThrows(SQLException.class, () -> intent("m1", "2026-12-07T09:00:00Z"), "same applied state, applied");

        execute("INSERT INTO audit_entry (model_id, transition_at, trigger, after_settings, actor, base_audit_id) "
                + "VALUES ('m1', now(), 'SCHEDULE', '{}', 'scheduler', " + again + ")");
        intent("m2", "2026-12-07T07:00:00Z");
    }

    private long intent(String model, String transition) throws SQLException {
        try (Connection c = db.getConnection();
                var insert = c.prepareStatement("""
                        INSERT INTO audit_entry (model_id, transition_at, trigger, after_settings, actor)
                        VALUES (?, ?::timestamptz, 'SCHEDULE', '{"min_replica":2}', 'scheduler') RETURNING id""")) {
            insert.setString(1, model);
            insert.setString(2, transition);
            var rows = insert.executeQuery();
            rows.next();
            return rows.getLong(1);
        }
    }

    private int complete(long id, String outcome) throws SQLException {
        return execute("UPDATE audit_entry SET outcome = '" + outcome + "', completed_at = now(), attempts = 1 WHERE id = " + id);
    }

    private int execute(String sql) throws SQLException {
        try (Connection c = db.getConnection()) {
            return c.createStatement().executeUpdate(sql);
        }
    }
}
