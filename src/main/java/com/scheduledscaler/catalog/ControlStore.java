package com.scheduledscaler.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.scheduledscaler.policy.Settings;
import com.scheduledscaler.policy.SettingsOverride;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What operators set at run time, persisted so that every instance and every restart honours it:
 * API policies, paused policies, overrides and the freeze.
 */
@Singleton
public class ControlStore {

    private final AgroalDataSource db;
    private final ObjectMapper json;
    private final Clock clock;

    ControlStore(AgroalDataSource db, ObjectMapper json, Clock clock) {
        this.db = db;
        this.json = json;
        this.clock = clock;
    }

    public List<ApiPolicy> apiPolicies() {
        return query("SELECT name, body FROM api_policy ORDER BY name", rows -> new ApiPolicy(rows.getString(1), rows.getString(2)));
    }

    public void putApiPolicy(String name, String body, String actor) {
        record(actor, "put-policy", name, body);
        update("""
                INSERT INTO api_policy (name, body, created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET body = EXCLUDED.body, updated_at = EXCLUDED.updated_at,
                    updated_by = EXCLUDED.updated_by""", name, body, now(), now(), actor);
    }

    public boolean deleteApiPolicy(String name, String actor) {
        record(actor, "delete-policy", name, "");
        return update("DELETE FROM api_policy WHERE name = ?", name) > 0;
    }

    public Set<String> paused() {
        return new HashSet<>(query("SELECT name FROM policy_pause", rows -> rows.getString(1)));
    }

    public void pause(String policy, String actor) {
        record(actor, "pause", policy, "");
        update("INSERT INTO policy_pause (name, paused_at, paused_by) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
                policy, now(), actor);
    }

    public boolean resume(String policy, String actor) {
        record(actor, "resume", policy, "");
        return update("DELETE FROM policy_pause WHERE name = ?", policy) > 0;
    }

    public List<SettingsOverride> overrides() {
        return query("SELECT model_id, settings, until, reason FROM model_override ORDER BY created_at",
                rows -> new SettingsOverride(rows.getString(1), settings(rows.getString(2)),
                        rows.getObject(3, OffsetDateTime.class).toInstant(), rows.getString(4)));
    }

    public void putOverride(SettingsOverride override, String actor) {
        record(actor, "override", override.modelId(), json(override.settings()) + " until " + override.until()
                + (override.reason().isBlank() ? "" : ": " + override.reason()));
        update("""
                INSERT INTO model_override (model_id, settings, until, reason, created_at, created_by)
                VALUES (?, ?::jsonb, ?, ?, ?, ?)
                ON CONFLICT (model_id) DO UPDATE SET settings = EXCLUDED.settings, until = EXCLUDED.until,
                    reason = EXCLUDED.reason, created_at = EXCLUDED.created_at, created_by = EXCLUDED.created_by""",
                override.modelId(), json(override.settings()), override.until().atOffset(ZoneOffset.UTC),
                override.reason(), now(), actor);
    }

    public boolean removeOverride(String modelId, String actor) {
        record(actor, "remove-override", modelId, "");
        return update("DELETE FROM model_override WHERE model_id = ?", modelId) > 0;
    }

    public Optional<Freeze> freeze() {
        return query("SELECT since, actor, reason FROM freeze_switch", rows -> new Freeze(
                rows.getObject(1, OffsetDateTime.class).toInstant(), rows.getString(2), rows.getString(3)))
                .stream().findFirst();
    }

    public void freeze(String actor, String reason) {
        record(actor, "freeze", "", reason == null ? "" : reason);
        update("INSERT INTO freeze_switch (since, actor, reason) VALUES (?, ?, ?) ON CONFLICT (singleton) DO NOTHING",
                now(), actor, reason == null ? "" : reason);
    }

    public boolean unfreeze(String actor) {
        record(actor, "unfreeze", "", "");
        return update("DELETE FROM freeze_switch") > 0;
    }

    /** Records an operator's write (also a manual reconcile) in the append-only operator_action table. */
    public void record(String actor, String action, String target, String details) {
        update("INSERT INTO operator_action (at, actor, action, target, details) VALUES (?, ?, ?, ?, ?)",
                now(), actor, action, target, details);
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private interface RowMapper<T> {
        T map(ResultSet rows) throws SQLException;
    }

    private <T> List<T> query(String sql, RowMapper<T> mapper) {
        try (Connection c = db.getConnection(); PreparedStatement select = c.prepareStatement(sql);
                ResultSet rows = select.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rows.next()) {
                out.add(mapper.map(rows));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read operator controls: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... parameters) {
        try (Connection c = db.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not write operator controls: " + e.getMessage(), e);
        }
    }

    private String json(Settings settings) {
        try {
            return json.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Settings settings(String text) throws SQLException {
        try {
            return json.readValue(text, Settings.class);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored override settings are not valid JSON", e);
        }
    }
}
