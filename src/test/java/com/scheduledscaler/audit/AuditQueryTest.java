package com.scheduledscaler.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.scheduledscaler.audit.AuditQuery.AuditFilter;
import com.scheduledscaler.audit.AuditQuery.AuditPage;
import com.scheduledscaler.audit.AuditQuery.AuditRow;
import com.scheduledscaler.policy.Settings;
import com.scheduledscaler.testing.TestDatabase;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditQueryTest {

    private static final Instant T0 = Instant.parse("2026-12-07T07:00:00Z");

    @Inject
    AuditQuery query;

    @Inject
    TestDatabase database;

    @Inject
    AgroalDataSource db;

    @BeforeEach
    void empty() {
        database.reset();
    }

    @Test
    void readsEveryColumnOfARow() throws SQLException {
        long id = insert("m1", List.of("office", "night"), "APPLIED", T0);
        long open = insert("m1", List.of(), null, T0.plusSeconds(60));

        List<AuditRow> rows = query.page(AuditFilter.ALL, Optional.empty(), 10).rows();

        AuditRow row = rows.get(1);
        assertEquals(id, row.id());
        assertEquals("m1", row.modelId());
        assertEquals(T0, row.transitionAt());
        assertEquals(Trigger.SCHEDULE, row.trigger());
        assertEquals(List.of("office", "night"), row.policies());
        assertEquals(new Settings(1, null, null, null, null, "T4", null, null), row.before());
        assertEquals(new Settings(2, 4, null, null, null, "T4", null, null), row.after());
        assertEquals(new Settings(2, 4, null, null, null, null, null, null), row.sent());
        assertEquals(List.of("w1"), row.warnings());
        assertEquals("scheduler", row.actor());
        assertEquals(T0, row.createdAt());
        assertEquals(Outcome.APPLIED, row.outcome());
        assertEquals("ok", row.reason());
        assertEquals(200, row.httpStatus());
        assertEquals(1, row.attempts());
        assertEquals(120L, row.latencyMs());
        assertEquals(T0.plusSeconds(1), row.completedAt());

        AuditRow intent = rows.get(0);
        assertEquals(open, intent.id());
        assertNull(intent.outcome());
        assertNull(intent.completedAt());
        assertNull(intent.httpStatus());
    }

    @Test
    void newestFirst() throws SQLException {
        long a = insert("m1", List.of(), "APPLIED", T0);
        long b = insert("m2", List.of(), "FAILED", T0);
        long c = insert("m1", List.of(), "SKIPPED", T0);

        assertEquals(List.of(c, b, a), ids(query.page(AuditFilter.ALL, Optional.empty(), 10)));
    }

    @Test
    void filtersByModel() throws SQLException {
        long a = insert("m1", List.of(), "APPLIED", T0);
        insert("m2", List.of(), "APPLIED", T0);
        long c = insert("m1", List.of(), "FAILED", T0);

        assertEquals(List.of(c, a), ids(query.page(filter("m1", null, null, null, null), Optional.empty(), 10)));
    }

    @Test
    void filtersByPolicyContainedInThePolicies() throws SQLException {
        long a = insert("m1", List.of("office", "night"), "APPLIED", T0);
        insert("m2", List.of("weekend"), "APPLIED", T0);
        long c = insert("m3", List.of("night"), "APPLIED", T0);
        insert("m4", List.of("nightly"), "APPLIED", T0);

        assertEquals(List.of(c, a), ids(query.page(filter(null, "night", null, null, null), Optional.empty(), 10)));
    }

    @Test
    void filtersByOutcome() throws SQLException {
        insert("m1", List.of(), "APPLIED", T0);
        long b = insert("m1", List.of(), "FAILED", T0);
        insert("m1", List.of(), null, T0);

        assertEquals(List.of(b),
                ids(query.page(filter(null, null, Outcome.FAILED, null, null), Optional.empty(), 10)));
    }

    @Test
    void filtersByCreatedAtFromInclusiveToExclusive() throws SQLException {
        insert("m1", List.of(), "APPLIED", T0.minusSeconds(1));
        long atFrom = insert("m1", List.of(), "APPLIED", T0);
        long inside = insert("m1", List.of(), "APPLIED", T0.plusSeconds(3599));
        insert("m1", List.of(), "APPLIED", T0.plusSeconds(3600));

        AuditFilter hour = filter(null, null, null, T0, T0.plusSeconds(3600));
        assertEquals(List.of(inside, atFrom), ids(query.page(hour, Optional.empty(), 10)));
    }

    @Test
    void filtersCombine() throws SQLException {
        insert("m1", List.of("office"), "FAILED", T0);
        long match = insert("m1", List.of("office"), "APPLIED", T0);
        insert("m2", List.of("office"), "APPLIED", T0);
        insert("m1", List.of("night"), "APPLIED", T0);

        AuditFilter all = filter("m1", "office", Outcome.APPLIED, T0, T0.plusSeconds(1));
        assertEquals(List.of(match), ids(query.page(all, Optional.empty(), 10)));
    }

    @Test
    void keysetPagesCoverEveryRowExactlyOnceWithAStableCursor() throws SQLException {
        List<Long> inserted = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            inserted.add(insert(i % 2 == 0 ? "m1" : "m2", List.of(), "APPLIED", T0));
        }
        List<Long> seen = new ArrayList<>();
        List<String> cursors = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            AuditPage page = query.page(AuditFilter.ALL, cursor, 5);
            seen.addAll(ids(page));
            cursor = page.nextCursor();
            cursor.ifPresent(cursors::add);
        } while (cursor.isPresent());

        List<Long> newestFirst = new ArrayList<>(inserted);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, seen);
        assertEquals(4, cursors.size(), "23 rows in pages of 5: 4 cursors, the last page has none");
        // Stable: rows written after the first page do not shift the second one.
        insert("m1", List.of(), "APPLIED", T0);
        AuditPage again = query.page(AuditFilter.ALL, Optional.of(cursors.get(0)), 5);
        assertEquals(newestFirst.subList(5, 10), ids(again));
        assertEquals(cursors.get(1), again.nextCursor().orElseThrow());
    }

    @Test
    void aFullLastPageHasNoNextCursor() throws SQLException {
        insert("m1", List.of(), "APPLIED", T0);
        insert("m1", List.of(), "APPLIED", T0);

        assertEquals(Optional.empty(), query.page(AuditFilter.ALL, Optional.empty(), 2).nextCursor());
    }

    @Test
    void theCursorIsOpaqueUrlSafeAndTheSameForTheSameRow() {
        assertEquals(AuditQuery.encodeCursor(42), AuditQuery.encodeCursor(42));
        assertTrue(AuditQuery.encodeCursor(42).matches("[A-Za-z0-9_-]+"), AuditQuery.encodeCursor(42));
        assertEquals(42, AuditQuery.decodeCursor(AuditQuery.encodeCursor(42)));
    }

    @Test
    void aMalformedCursorIsRejectedWithAClearMessage() {
        for (String bad : List.of("", "not base64!", "djE6YWJj" /* v1:abc */, "MTIz" /* 123, no version */,
                "djE6LTE" /* v1:-1 */, "' OR 1=1 --")) {
            var failure = assertThrows(InvalidCursorException.class,
                    () -> query.page(AuditFilter.ALL, Optional.of(bad), 10), bad);
            assertTrue(failure.getMessage().contains("is not valid"), failure.getMessage());
        }
    }

    @Test
    void aLimitOutOfRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> query.page(AuditFilter.ALL, Optional.empty(), 0));
        assertThrows(IllegalArgumentException.class, () -> query.page(AuditFilter.ALL, Optional.empty(), 1001));
        assertEquals(List.of(), query.page(AuditFilter.ALL, Optional.empty(), 1000).rows());
    }

    @Test
    void inputThatLooksLikeSqlIsData() throws SQLException {
        String evil = "m1' OR '1'='1'; DROP TABLE audit_entry; --";
        long mine = insert(evil, List.of("p'); DELETE FROM audit_entry; --"), "APPLIED", T0);
        insert("m1", List.of("office"), "APPLIED", T0);

        assertEquals(List.of(mine), ids(query.page(filter(evil, null, null, null, null), Optional.empty(), 10)));
        assertEquals(List.of(mine), ids(query.page(
                filter(null, "p'); DELETE FROM audit_entry; --", null, null, null), Optional.empty(), 10)));
        assertEquals(List.of(), ids(query.page(filter("' OR 1=1 --", null, null, null, null), Optional.empty(), 10)));
        assertEquals(List.of(), ids(query.page(filter(null, "office' OR 'x'='x", null, null, null), Optional.empty(), 10)));
        assertEquals(2, query.page(AuditFilter.ALL, Optional.empty(), 10).rows().size(), "nothing was dropped");
    }

    @Test
    void csvHoldsTheSameRowsAsThePagesInTheSameOrder() throws Exception {
        for (int i = 0; i < 7; i++) {
            insert(i % 2 == 0 ? "m1" : "m2", List.of("office", "a,b \"quoted\""), i == 3 ? null : "APPLIED", T0);
        }
        AuditFilter m1 = filter("m1", null, null, null, null);
        List<AuditRow> rows = query.page(m1, Optional.empty(), 1000).rows();

        StringWriter out = new StringWriter();
        query.writeCsv(m1, out);

        List<List<String>> records = parseCsv(out.toString());
        assertEquals(AuditQuery.CSV_HEADER, records.get(0));
        List<List<String>> expected = rows.stream().map(query::csvCells).toList();
        assertEquals(expected, records.subList(1, records.size()));
        assertEquals(4, expected.size());
        assertEquals("[\"office\",\"a,b \\\"quoted\\\"\"]", records.get(1).get(4));
    }

    @Test
    void csvOfNothingIsTheHeaderAlone() throws Exception {
        StringWriter out = new StringWriter();
        query.writeCsv(AuditFilter.ALL, out);

        assertEquals(List.of(AuditQuery.CSV_HEADER), parseCsv(out.toString()));
    }

    @Test
    void csvLeavesTheConnectionPoolClean() throws Exception {
        insert("m1", List.of(), "APPLIED", T0);
        for (int i = 0; i < 3; i++) {
            query.writeCsv(AuditFilter.ALL, new StringWriter());
        }
        try (Connection c = db.getConnection()) {
            assertTrue(c.getAutoCommit(), "autocommit restored");
        }
        assertEquals(1, query.page(AuditFilter.ALL, Optional.empty(), 10).rows().size());
    }

    @Test
    void csvStreamsInsideTheCallersTransactionToo() throws Exception {
        insert("m1", List.of(), "APPLIED", T0);
        StringWriter out = new StringWriter();

        QuarkusTransaction.requiringNew().run(() -> query.writeCsv(AuditFilter.ALL, out));

        assertEquals(2, parseCsv(out.toString()).size());
    }

    @Test
    void aTimeRangeThatEndsBeforeItStartsIsRejected() {
        var failure = assertThrows(IllegalArgumentException.class,
                () -> filter(null, null, null, T0.plusSeconds(1), T0));
        assertTrue(failure.getMessage().contains("must not be after"), failure.getMessage());
    }

    private static List<List<String>> parseCsv(String text) throws Exception {
        CsvMapper csv = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<List<String>> records = new ArrayList<>();
        try (MappingIterator<List<String>> it = csv.readerForListOf(String.class).readValues(text)) {
            while (it.hasNext()) {
                records.add(it.next());
            }
        }
        return records;
    }

    private static AuditFilter filter(String model, String policy, Outcome outcome, Instant from, Instant to) {
        return new AuditFilter(Optional.ofNullable(model), Optional.ofNullable(policy), Optional.ofNullable(outcome),
                Optional.ofNullable(from), Optional.ofNullable(to));
    }

    private static List<Long> ids(AuditPage page) {
        return page.rows().stream().map(AuditRow::id).toList();
    }

    private long nextBase = 1;

    /** A row created at {@code createdAt}; outcome null leaves it an open intent. */
    private long insert(String model, List<String> policies, String outcome, Instant createdAt) throws SQLException {
        String sql = """
                INSERT INTO audit_entry (model_id, transition_at, trigger, policies, base_audit_id, before_settings,
                    after_settings, sent_settings, warnings, actor, created_at, outcome, reason, http_status, attempts,
                    latency_ms, completed_at)
                VALUES (?, ?, 'SCHEDULE', ?, ?, '{"min_replica":1,"machine_type":"T4"}',
                    '{"min_replica":2,"max_replica":4,"machine_type":"T4"}', '{"min_replica":2,"max_replica":4}',
                    '{w1}', 'scheduler', ?, ?, ?, ?, ?, ?, ?)
                RETURNING id""";
        boolean done = outcome != null;
        try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement(sql)) {
            insert.setString(1, model);
            insert.setObject(2, T0.atOffset(java.time.ZoneOffset.UTC));
            insert.setArray(3, c.createArrayOf("text", policies.toArray()));
            insert.setLong(4, nextBase++);
            insert.setObject(5, createdAt.atOffset(java.time.ZoneOffset.UTC));
            insert.setString(6, outcome);
            insert.setString(7, done ? "ok" : null);
            insert.setObject(8, done ? 200 : null, java.sql.Types.INTEGER);
            insert.setInt(9, done ? 1 : 0);
            insert.setObject(10, done ? 120L : null, java.sql.Types.BIGINT);
            insert.setObject(11, done ? createdAt.plusSeconds(1).atOffset(java.time.ZoneOffset.UTC) : null);
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Test
    void csvCellsThatASpreadsheetWouldRunAsFormulasAreMadeInert() {
        assertEquals("'=HYPERLINK(\"http://x\")", AuditQuery.inert("=HYPERLINK(\"http://x\")"));
        assertEquals("'@SUM(A1)", AuditQuery.inert("@SUM(A1)"));
        assertEquals("'-2+3", AuditQuery.inert("-2+3"));
        assertEquals("llama-chat-prod", AuditQuery.inert("llama-chat-prod"));
        assertEquals("", AuditQuery.inert(""));
    }
}
