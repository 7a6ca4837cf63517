package com.scheduledscaler.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.scheduledscaler.cluster.ClusterMember;
import com.scheduledscaler.policy.Settings;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The append-only audit table and the applied state it drives. An {@link Intent} is written before
 * the call and completed with its {@link Result} after it; the database refuses a second change from
 * the same applied state, and any change to a row that has an outcome.
 */
@Singleton
public class AuditLog {

    private final AgroalDataSource db;
    private final ObjectMapper json;
    private final Clock clock;
    private final ClusterMember member;

    AuditLog(AgroalDataSource db, ObjectMapper json, Clock clock, ClusterMember member) {
        this.db = db;
        this.json = json;
        this.clock = clock;
        this.member = member;
    }

    /** An intent written but not completed, which this instance has claimed to complete. */
    public record OpenIntent(long id, Intent intent) {}

    /**
     * Writes the intent. Empty when a change of this model from the same applied state is already
     * in flight or done (by this instance or another): then nothing must be sent.
     */
    public OptionalLong open(Intent intent) {
        String sql = """
                INSERT INTO audit_entry (model_id, transition_at, trigger, policies, base_audit_id,
                    before_settings, after_settings, sent_settings, warnings, actor, created_at, instance_id)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                RETURNING id""";
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement(sql)) {
            bindIntent(c, insert, intent);
            try (ResultSet row = insert.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw new AuditException("could not write the intent for model '" + intent.modelId() + "'", e);
        }
    }

    /** Records the outcome of an intent; an APPLIED or DRY_RUN outcome also moves the applied state. */
    @Transactional
    public void complete(long id, Intent intent, Result result) {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE audit_entry SET outcome = ?, reason = ?, http_status = ?, attempts = ?, latency_ms = ?,
                        completed_at = ?
                    WHERE id = ? AND outcome IS NULL""")) {
                update.setString(1, result.outcome().name());
                update.setString(2, result.reason());
                update.setObject(3, result.httpStatus(), Types.INTEGER);
                update.setInt(4, result.attempts());
                update.setObject(5, result.latencyMs(), Types.BIGINT);
                update.setObject(6, utc(clock.instant()));
                update.setLong(7, id);
                if (update.executeUpdate() != 1) {
                    throw new AuditException("audit row " + id + " is not an open intent", null);
                }
            }
            if (result.outcome() == Outcome.APPLIED || result.outcome() == Outcome.DRY_RUN) {
                try (PreparedStatement upsert = c.prepareStatement("""
                        INSERT INTO applied_settings (model_id, settings, applied_at, audit_id, dry_run)
                        VALUES (?, ?::jsonb, ?, ?, ?)
                        ON CONFLICT (model_id) DO UPDATE SET settings = EXCLUDED.settings,
                            applied_at = EXCLUDED.applied_at, audit_id = EXCLUDED.audit_id, dry_run = EXCLUDED.dry_run""")) {
                    upsert.setString(1, intent.modelId());
                    upsert.setString(2, toJson(intent.appliedAfter()));
                    upsert.setObject(3, utc(clock.instant()));
                    upsert.setLong(4, id);
                    upsert.setBoolean(5, result.outcome() == Outcome.DRY_RUN);
                    upsert.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new AuditException("could not record the outcome of audit row " + id, e);
        }
    }

    /** A decision not to send (freeze), written whole. */
    public long skipped(Intent intent, String reason) {
        String sql = """
                INSERT INTO audit_entry (model_id, transition_at, trigger, policies, base_audit_id,
                    before_settings, after_settings, sent_settings, warnings, actor, created_at, instance_id,
                    outcome, reason, attempts, completed_at)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?, 'SKIPPED', ?, 0, ?)
                RETURNING id""";
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement(sql)) {
            bindIntent(c, insert, intent);
            insert.setString(13, reason);
            insert.setObject(14, utc(clock.instant()));
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new AuditException("could not audit the skipped change of model '" + intent.modelId() + "'", e);
        }
    }

    /** The applied settings of every model the daemon has changed. */
    public Map<String, AppliedSettings> applied() {
        Map<String, AppliedSettings> applied = new HashMap<>();
        try (Connection c = db.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT settings, audit_id, dry_run, model_id FROM applied_settings");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                applied.put(rows.getString(4), appliedSettings(rows));
            }
            return applied;
        } catch (SQLException e) {
            throw new AuditException("could not read the applied settings", e);
        }
    }

    /** The applied settings of one model, if the daemon has changed it. */
    public Optional<AppliedSettings> applied(String model) {
        try (Connection c = db.getConnection(); PreparedStatement select = c.prepareStatement(
                "SELECT settings, audit_id, dry_run FROM applied_settings WHERE model_id = ?")) {
            select.setString(1, model);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(appliedSettings(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new AuditException("could not read the applied settings of model '" + model + "'", e);
        }
    }

    /** A row whose first three columns are {@code settings, audit_id, dry_run} of {@code applied_settings}. */
    private AppliedSettings appliedSettings(ResultSet row) throws SQLException {
        return new AppliedSettings(fromJson(row.getString(1)), row.getLong(2), row.getBoolean(3));
    }

    /** The outcome of each model's latest decision: the outcome ("OPEN" while in flight) and when it was made. */
    public Map<String, LastOutcome> lastOutcomes() {
        Map<String, LastOutcome> last = new HashMap<>();
        String sql = """
                SELECT DISTINCT ON (model_id) model_id, coalesce(outcome, 'OPEN'), created_at, reason
                FROM audit_entry ORDER BY model_id, id DESC""";
        try (Connection c = db.getConnection(); PreparedStatement select = c.prepareStatement(sql);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                last.put(rows.getString(1), new LastOutcome(rows.getString(2),
                        rows.getObject(3, OffsetDateTime.class).toInstant(), rows.getString(4)));
            }
            return last;
        } catch (SQLException e) {
            throw new AuditException("could not read the latest outcomes", e);
        }
    }

    /** A model's latest decision in short. */
    public record LastOutcome(String outcome, Instant at, String reason) {}

    /**
     * Claims the intents left open by instances that are no longer live members of the cluster (a
     * crash, a SIGKILL, a shutdown past its grace, or a version before there was a cluster), oldest
     * first: each is marked as this instance's in one statement, so of several instances looking at
     * the same orphan exactly one gets it. Intents of live instances are theirs to complete.
     */
    public List<OpenIntent> claimOrphans() {
        String sql = """
                UPDATE audit_entry e SET instance_id = ?
                WHERE e.outcome IS NULL AND e.instance_id IS DISTINCT FROM ?
                  AND NOT EXISTS (SELECT 1 FROM qrtz_scheduler_state s
                                  WHERE s.sched_name = ? AND s.instance_name = e.instance_id)
                RETURNING id, model_id, transition_at, trigger, policies, base_audit_id, before_settings,
                    after_settings, sent_settings, warnings, actor""";
        List<OpenIntent> open = new ArrayList<>();
        String me = member.instanceId();
        try (Connection c = db.getConnection(); PreparedStatement claim = c.prepareStatement(sql)) {
            claim.setString(1, me);
            claim.setString(2, me);
            claim.setString(3, member.clusterName());
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    long base = rows.getLong(6);
                    Long baseId = rows.wasNull() ? null : base;
                    String before = rows.getString(7);
                    open.add(new OpenIntent(rows.getLong(1), new Intent(rows.getString(2),
                            rows.getObject(3, OffsetDateTime.class).toInstant(), Trigger.valueOf(rows.getString(4)),
                            texts(rows.getArray(5)), baseId, before == null ? null : fromJson(before),
                            fromJson(rows.getString(8)), fromJson(rows.getString(9)), texts(rows.getArray(10)),
                            rows.getString(11))));
                }
            }
            open.sort(Comparator.comparingLong(OpenIntent::id));
            return open;
        } catch (SQLException e) {
            throw new AuditException("could not claim the intents other instances left unfinished", e);
        }
    }

    private void bindIntent(Connection c, PreparedStatement insert, Intent intent) throws SQLException {
        insert.setString(1, intent.modelId());
        insert.setObject(2, utc(intent.transitionAt()));
        insert.setString(3, intent.trigger().name());
        insert.setArray(4, c.createArrayOf("text", intent.policies().toArray()));
        insert.setObject(5, intent.baseAuditId(), Types.BIGINT);
        insert.setString(6, intent.before() == null ? null : toJson(intent.before()));
        insert.setString(7, toJson(intent.desired()));
        insert.setString(8, toJson(intent.sent()));
        insert.setArray(9, c.createArrayOf("text", intent.warnings().toArray()));
        insert.setString(10, intent.actor());
        insert.setObject(11, utc(clock.instant()));
        insert.setString(12, member.instanceId());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private String toJson(Settings settings) {
        try {
            return json.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("settings cannot be written as JSON", e);
        }
    }

    private Settings fromJson(String text) {
        try {
            return json.readValue(text, Settings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored settings are not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
