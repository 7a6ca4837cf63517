package com.scheduledscaler.testing;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Empties the daemon's tables between tests and reads the audit back as plain text rows. */
@Singleton
public class TestDatabase {

    private final AgroalDataSource db;

    TestDatabase(AgroalDataSource db) {
        this.db = db;
    }

    public void reset() {
        execute("TRUNCATE audit_entry, applied_settings, api_policy, policy_pause, model_override, freeze_switch, operator_action");
    }

    /** One line per audit row, oldest first: "model transition trigger sent outcome attempts". */
    public List<String> audit() {
        return lines("""
                SELECT model_id || ' ' || to_char(transition_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"') || ' '
                    || trigger || ' ' || sent_settings::text || ' ' || coalesce(outcome, 'OPEN')
                FROM audit_entry ORDER BY id""");
    }

    public List<String> lines(String sql) {
        try (Connection c = db.getConnection(); ResultSet rows = c.createStatement().executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rows.next()) {
                out.add(rows.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void execute(String sql) {
        try (Connection c = db.getConnection()) {
            c.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
