package com.scheduledscaler.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.scheduledscaler.config.ScalerConfig;
import com.scheduledscaler.policy.Settings;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Replica-hours of the {@code min_replica} floor (the warm capacity paid for) over a range, from the
 * APPLIED history in the audit, and their cost.
 *
 * <p>The formula: a model's settings change only when Inferless accepts a change, so each APPLIED row
 * starts an interval that lasts from its {@code completed_at} until the model's next APPLIED row
 * (or the end of the range). The settings in force during it are the row's {@code before_settings}
 * with its {@code sent_settings} laid over them (a sent field wins; no {@code before_settings} means
 * nothing was known before). For each interval clipped to [from, to):
 *
 * <pre>
 *   replica-hours = min_replica (null counts as 0) x hours of the clipped interval
 *   cost          = replica-hours x scaler.pricing.&lt;machine_type&gt;
 * </pre>
 *
 * summed per model or per machine type (no machine type groups as {@code unknown}). A machine type
 * without a price (and {@code unknown}) has a null cost; a model's cost is null when some of its
 * replica-hours ran on such a machine type (zero replica-hours cost 0 whatever the type); the total
 * cost is null when any line's is. FAILED, SKIPPED and DRY_RUN rows changed nothing at Inferless and are left out;
 * so is the time before a model's first APPLIED row.
 */
@Singleton
public class CapacityReport {

    /** Machine type of a setting that names none. */
    public static final String UNKNOWN = "unknown";

    private static final double MILLIS_PER_HOUR = 3_600_000.0;

    private final AgroalDataSource db;
    private final ObjectMapper json;
    private final ScalerConfig config;

    CapacityReport(AgroalDataSource db, ObjectMapper json, ScalerConfig config) {
        this.db = db;
        this.json = json;
        this.config = config;
    }

    /** What the lines of a report add up. */
    public enum Grouping {
        MODEL, MACHINE_TYPE
    }

    /** @param cost null when some of these replica-hours have no price */
    public record CapacityLine(String group, double replicaHours, Double cost) {}

    /** The lines, sorted by group, and their totals over [from, to). */
    public record Capacity(Instant from, Instant to, Grouping grouping, List<CapacityLine> lines,
            double totalReplicaHours, Double totalCost) {}

    /**
     * The report over [from, to).
     *
     * @throws IllegalArgumentException when {@code from} is not before {@code to}
     */
    public Capacity report(Instant from, Instant to, Grouping grouping) {
        Objects.requireNonNull(grouping, "grouping");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
        }
        // The last APPLIED row of each model before the range (its setting is in force at "from"),
        // then every APPLIED row inside the range; per model in the order they took effect.
        String sql = """
                SELECT model_id, completed_at, before_settings, sent_settings FROM (
                    (SELECT DISTINCT ON (model_id) model_id, completed_at, id, before_settings, sent_settings
                     FROM audit_entry WHERE outcome = 'APPLIED' AND completed_at < ?
                     ORDER BY model_id, completed_at DESC, id DESC)
                    UNION ALL
                    (SELECT model_id, completed_at, id, before_settings, sent_settings
                     FROM audit_entry WHERE outcome = 'APPLIED' AND completed_at >= ? AND completed_at < ?)
                ) applied ORDER BY model_id, completed_at, id""";
        Map<String, Line> lines = new TreeMap<>();
        try (Connection c = db.getConnection()) {
            // A transaction lets the driver fetch through a cursor, so a long history is not held at once;
            // a caller's (JTA) transaction already holding this connection does as well.
            boolean ownTransaction = c.getAutoCommit();
            if (ownTransaction) {
                c.setAutoCommit(false);
            }
            try (PreparedStatement select = c.prepareStatement(sql)) {
                select.setFetchSize(1000);
                select.setObject(1, from.atOffset(ZoneOffset.UTC));
                select.setObject(2, from.atOffset(ZoneOffset.UTC));
                select.setObject(3, to.atOffset(ZoneOffset.UTC));
                try (ResultSet rows = select.executeQuery()) {
                    String model = null;
                    Instant since = null;
                    Settings inForce = null;
                    while (rows.next()) {
                        String rowModel = rows.getString(1);
                        Instant appliedAt = rows.getObject(2, OffsetDateTime.class).toInstant();
                        if (model != null) {
                            Instant until = rowModel.equals(model) ? appliedAt : to;
                            add(lines, grouping, model, inForce, since, until, from, to);
                        }
                        String before = rows.getString(3);
                        String sent = rows.getString(4);
                        Settings base = before == null ? Settings.NONE : settings(before);
                        model = rowModel;
                        since = appliedAt;
                        inForce = sent == null ? base : base.overlay(settings(sent));
                    }
                    if (model != null) {
                        add(lines, grouping, model, inForce, since, to, from, to);
                    }
                }
            } finally {
                if (ownTransaction) {
                    c.rollback(); // read only
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new AuditException("could not read the applied history", e);
        }
        List<CapacityLine> result = new ArrayList<>();
        double totalHours = 0;
        Double totalCost = 0.0;
        for (var entry : lines.entrySet()) {
            Line line = entry.getValue();
            Double cost = line.unpriced ? null : line.cost;
            result.add(new CapacityLine(entry.getKey(), line.replicaHours, cost));
            totalHours += line.replicaHours;
            totalCost = totalCost == null || cost == null ? null : totalCost + cost;
        }
        return new Capacity(from, to, grouping, List.copyOf(result), totalHours, totalCost);
    }

    /** Adds the interval [since, until) of one setting, clipped to [from, to), to its line. */
    private void add(Map<String, Line> lines, Grouping grouping, String model, Settings settings, Instant since,
            Instant until, Instant from, Instant to) {
        Instant start = since.isBefore(from) ? from : since;
        Instant end = until.isAfter(to) ? to : until;
        if (!start.isBefore(end)) {
            return;
        }
        String machineType = settings.machineType();
        String group = grouping == Grouping.MODEL ? model : machineType == null ? UNKNOWN : machineType;
        int replicas = settings.minReplica() == null ? 0 : settings.minReplica();
        double replicaHours = replicas * (Duration.between(start, end).toMillis() / MILLIS_PER_HOUR);
        Line line = lines.computeIfAbsent(group, g -> new Line());
        line.replicaHours += replicaHours;
        Double price = machineType == null ? null : config.pricing().get(machineType);
        if (price != null) {
            line.cost += replicaHours * price;
        } else if (replicaHours > 0 || grouping == Grouping.MACHINE_TYPE) {
            line.unpriced = true;
        }
    }

    private Settings settings(String text) {
        try {
            return json.readValue(text, Settings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored settings are not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A line being added up. */
    private static final class Line {
        double replicaHours;
        double cost;
        boolean unpriced;
    }
}
