package com.scheduledscaler.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.scheduledscaler.policy.Settings;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the audit back: filtered, newest first (by id), in keyset pages or as one CSV stream. Every
 * value from the caller is a bind parameter; only fixed SQL fragments are put together.
 */
@Singleton
public class AuditQuery {

    /** Largest page a caller may ask for. */
    public static final int MAX_LIMIT = 1000;

    /** Rows fetched from PostgreSQL at a time while streaming CSV: bounds the memory of an export. */
    static final int CSV_FETCH_SIZE = 500;

    /** The CSV columns, in order; the values are those of {@link #csvCells(AuditRow)}. */
    public static final List<String> CSV_HEADER = List.of("id", "model_id", "transition_at", "trigger", "policies",
            "base_audit_id", "before_settings", "after_settings", "sent_settings", "warnings", "actor", "created_at",
            "outcome", "reason", "http_status", "attempts", "latency_ms", "completed_at");

    private static final String CURSOR_PREFIX = "v1:";
    private static final String COLUMNS = """
            id, model_id, transition_at, trigger, policies, base_audit_id, before_settings, after_settings,
            sent_settings, warnings, actor, created_at, outcome, reason, http_status, attempts, latency_ms, completed_at""";

    private final AgroalDataSource db;
    private final ObjectMapper json;
    private final CsvMapper csv = new CsvMapper();

    AuditQuery(AgroalDataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /**
     * Which rows to read; every part is optional and they all must hold.
     *
     * @param policy rows whose {@code policies} contain this name
     * @param from inclusive, on {@code created_at}
     * @param to exclusive, on {@code created_at}
     */
    public record AuditFilter(Optional<String> model, Optional<String> policy, Optional<Outcome> outcome,
            Optional<Instant> from, Optional<Instant> to) {

        public static final AuditFilter ALL = new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());

        public AuditFilter {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
                throw new IllegalArgumentException("from (" + from.get() + ") must not be after to (" + to.get() + ")");
            }
        }
    }

    /**
     * One audit row as written by {@link AuditLog}.
     *
     * @param baseAuditId the applied state the change started from; null when none
     * @param before applied settings before the change; null when nothing was known
     * @param sent the fields sent; null only on rows written without it
     * @param outcome null while the intent is still open (then reason, httpStatus, latencyMs and
     *     completedAt are null too)
     */
    public record AuditRow(long id, String modelId, Instant transitionAt, Trigger trigger, List<String> policies,
            Long baseAuditId, Settings before, Settings after, Settings sent, List<String> warnings, String actor,
            Instant createdAt, Outcome outcome, String reason, Integer httpStatus, int attempts, Long latencyMs,
            Instant completedAt) {}

    /** A page of rows, newest first, and the cursor of the next page when there may be more. */
    public record AuditPage(List<AuditRow> rows, Optional<String> nextCursor) {}

    /**
     * One page, newest first.
     *
     * @param cursor the {@code nextCursor} of the previous page; empty for the first page
     * @param limit rows per page, 1 to {@link #MAX_LIMIT}
     * @throws InvalidCursorException when the cursor was not handed out by this class
     * @throws IllegalArgumentException when the limit is out of range
     */
    public AuditPage page(AuditFilter filter, Optional<String> cursor, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        Optional<Long> before = cursor.map(AuditQuery::decodeCursor);
        List<Object> params = new ArrayList<>();
        String sql = select(filter, before, params) + " LIMIT ?";
        params.add(limit + 1);
        List<AuditRow> rows = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            bind(c, select, params);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(row(result));
                }
            }
        } catch (SQLException e) {
            throw new AuditException("could not read the audit", e);
        }
        if (rows.size() <= limit) {
            return new AuditPage(List.copyOf(rows), Optional.empty());
        }
        List<AuditRow> page = List.copyOf(rows.subList(0, limit));
        return new AuditPage(page, Optional.of(encodeCursor(page.get(limit - 1).id())));
    }

    /**
     * Every row of the filter as CSV (a header row, then newest first), streamed: PostgreSQL hands
     * over {@value #CSV_FETCH_SIZE} rows at a time through a cursor, so memory does not grow with the
     * row count. The writer is flushed, not closed.
     */
    public void writeCsv(AuditFilter filter, Writer out) {
        List<Object> params = new ArrayList<>();
        String sql = select(filter, Optional.empty(), params);
        CsvSchema schema = CsvSchema.builder().addColumns(CSV_HEADER, CsvSchema.ColumnType.STRING).build().withHeader();
        try (Connection c = db.getConnection()) {
            // The PostgreSQL driver only fetches through a cursor inside a transaction: open one unless
            // the caller's (JTA) transaction already holds this connection.
            boolean ownTransaction = c.getAutoCommit();
            if (ownTransaction) {
                c.setAutoCommit(false);
            }
            try (PreparedStatement select = c.prepareStatement(sql)) {
                select.setFetchSize(CSV_FETCH_SIZE);
                bind(c, select, params);
                try (ResultSet result = select.executeQuery();
                        SequenceWriter rows = csv.writer(schema).without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
                                .writeValues(new NonClosingWriter(out))) {
                    while (result.next()) {
                        rows.write(csvCells(row(result)));
                    }
                }
                out.flush();
            } finally {
                if (ownTransaction) {
                    c.rollback(); // read only: nothing to keep
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new AuditException("could not read the audit", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the audit CSV", e);
        }
    }

    /**
     * The CSV cells of a row: instants in ISO-8601 UTC, settings and the policy and warning lists as
     * JSON, absent values as empty cells.
     */
    public List<String> csvCells(AuditRow row) {
        return Arrays.asList(Long.toString(row.id()), inert(row.modelId()), text(row.transitionAt()), row.trigger().name(),
                toJson(row.policies()), text(row.baseAuditId()), toJson(row.before()), toJson(row.after()),
                toJson(row.sent()), toJson(row.warnings()), inert(row.actor()), text(row.createdAt()),
                row.outcome() == null ? "" : row.outcome().name(), row.reason() == null ? "" : inert(row.reason()),
                text(row.httpStatus()), Integer.toString(row.attempts()), text(row.latencyMs()),
                text(row.completedAt()));
    }

    /**
     * Free text (model ids, actors, reasons that quote Inferless answers) that a spreadsheet would run as
     * a formula gets a leading apostrophe (OWASP "CSV injection").
     */
    static String inert(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    /** The SELECT of a filter (and a page start), newest first; adds the bind values to {@code params}. */
    static String select(AuditFilter filter, Optional<Long> beforeId, List<Object> params) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM audit_entry WHERE true");
        filter.model().ifPresent(model -> {
            sql.append(" AND model_id = ?");
            params.add(model);
        });
        filter.policy().ifPresent(policy -> {
            sql.append(" AND policies @> ?"); // containment: the GIN index on policies answers it
            params.add(new String[] {policy});
        });
        filter.outcome().ifPresent(outcome -> {
            sql.append(" AND outcome = ?");
            params.add(outcome.name());
        });
        filter.from().ifPresent(from -> {
            sql.append(" AND created_at >= ?");
            params.add(from.atOffset(ZoneOffset.UTC));
        });
        filter.to().ifPresent(to -> {
            sql.append(" AND created_at < ?");
            params.add(to.atOffset(ZoneOffset.UTC));
        });
        beforeId.ifPresent(id -> {
            sql.append(" AND id < ?");
            params.add(id);
        });
        return sql.append(" ORDER BY id DESC").toString();
    }

    static void bind(Connection c, PreparedStatement statement, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object value = params.get(i);
            if (value instanceof String[] texts) {
                statement.setArray(i + 1, c.createArrayOf("text", texts));
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    private AuditRow row(ResultSet r) throws SQLException {
        String outcome = r.getString(13);
        return new AuditRow(r.getLong(1), r.getString(2), instant(r, 3), Trigger.valueOf(r.getString(4)),
                texts(r.getArray(5)), nullableLong(r, 6), settings(r.getString(7)), settings(r.getString(8)),
                settings(r.getString(9)), texts(r.getArray(10)), r.getString(11), instant(r, 12),
                outcome == null ? null : Outcome.valueOf(outcome), r.getString(14), r.getObject(15, Integer.class),
                r.getInt(16), nullableLong(r, 17), instant(r, 18));
    }

    static String encodeCursor(long lastId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((CURSOR_PREFIX + lastId).getBytes(StandardCharsets.US_ASCII));
    }

    static long decodeCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (text.startsWith(CURSOR_PREFIX)) {
                long id = Long.parseLong(text.substring(CURSOR_PREFIX.length()));
                if (id > 0) {
                    return id;
                }
            }
        } catch (IllegalArgumentException e) { // bad base64, or not a number (NumberFormatException)
            // reported below
        }
        throw new InvalidCursorException(cursor);
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime value = r.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Long nullableLong(ResultSet r, int column) throws SQLException {
        long value = r.getLong(column);
        return r.wasNull() ? null : value;
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private Settings settings(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, Settings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored settings are not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private String toJson(Object value) {
        if (value == null) {
            return "";
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot be written as JSON: " + value, e);
        }
    }

    /** Lets the CSV generator close its side without closing the caller's writer. */
    private static final class NonClosingWriter extends java.io.FilterWriter {

        NonClosingWriter(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
