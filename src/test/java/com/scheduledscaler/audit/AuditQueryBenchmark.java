package com.scheduledscaler.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.scheduledscaler.audit.AuditQuery.AuditFilter;
import com.scheduledscaler.audit.AuditQuery.AuditPage;
import com.scheduledscaler.testing.TestDatabase;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's audit benchmark, not part of the normal build (tag "benchmark"; bench/README.md has the
 * command and the recorded numbers). 1,000,000 completed rows over 1,000 models; a model-filtered
 * first page and a later page must answer in a median < 50 ms through an index; 100,000 rows of CSV
 * stream through a small heap.
 */
@QuarkusTest
@Tag("benchmark")
class AuditQueryBenchmark {

    static final int ROWS = 1_000_000;
    static final int MODELS = 1_000;
    static final int RUNS = 20;
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration STEP = Duration.ofSeconds(30); // row g is created at START + g * STEP

    @Inject
    AuditQuery query;

    @Inject
    TestDatabase database;

    @Inject
    AgroalDataSource db;

    @AfterEach
    void empty() {
        database.reset();
    }

    @Test
    void pagesAndCsvOverAMillionRows() throws Exception {
        database.reset();
        long insertStart = System.nanoTime();
        database.execute("""
                INSERT INTO audit_entry (model_id, transition_at, trigger, policies, base_audit_id, before_settings,
                    after_settings, sent_settings, warnings, actor, created_at, outcome, reason, http_status, attempts,
                    latency_ms, completed_at)
                SELECT 'model-' || (g %% %d), t, 'SCHEDULE', ARRAY['policy-' || (g %% 50), 'baseline'], g,
                    '{"min_replica":1,"machine_type":"T4"}', '{"min_replica":2,"machine_type":"T4"}',
                    '{"min_replica":2}', '{}', 'scheduler', t,
                    (ARRAY['APPLIED','APPLIED','APPLIED','FAILED','SKIPPED','DRY_RUN'])[1 + (g / %d) %% 6],
                    NULL, 200, 1, 100, t + interval '1 second'
                FROM generate_series(1, %d) g,
                    LATERAL (SELECT timestamptz '2026-01-01 00:00:00+00' + g * interval '30 seconds' AS t) x"""
                .formatted(MODELS, MODELS, ROWS));
        database.execute("ANALYZE audit_entry");
        Log.warnf("BENCH inserted %,d rows (%d models) with ANALYZE in %.1f s", ROWS, MODELS,
                (System.nanoTime() - insertStart) / 1e9);

        AuditFilter model = filter(Optional.of("model-42"), Optional.empty(), Optional.empty());
        AuditPage first = query.page(model, Optional.empty(), 50);
        assertEquals(50, first.rows().size());
        Optional<String> cursor = first.nextCursor();
        for (int page = 1; page < 10; page++) { // page 11 of the model's 20
            cursor = query.page(model, cursor, 50).nextCursor();
        }
        Optional<String> later = cursor;

        double firstMedian = median("model page 1", () -> query.page(model, Optional.empty(), 50));
        double laterMedian = median("model page 11", () -> query.page(model, later, 50));
        String plan = explain(model, Optional.of(AuditQuery.decodeCursor(later.orElseThrow())), 51);
        Log.warnf("BENCH plan of the model-filtered later page:%n%s", plan);
        assertTrue(plan.contains("Index Scan using audit_entry_model_id_desc"), plan);

        // Not targets, for the record: the other filters.
        median("outcome FAILED page 1", () -> query.page(
                filter(Optional.empty(), Optional.empty(), Optional.of(Outcome.FAILED)), Optional.empty(), 50));
        median("policy-7 page 1", () -> query.page(new AuditFilter(Optional.empty(), Optional.of("policy-7"),
                Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty(), 50));
        median("unfiltered page 1", () -> query.page(AuditFilter.ALL, Optional.empty(), 50));
        Log.warnf("BENCH plan of the policy-filtered first page:%n%s", explain(new AuditFilter(Optional.empty(),
                Optional.of("policy-7"), Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty(), 51));

        assertTrue(firstMedian < 50, "first page median " + firstMedian + " ms");
        assertTrue(laterMedian < 50, "later page median " + laterMedian + " ms");

        csvOfAHundredThousandRows();
    }

    private void csvOfAHundredThousandRows() {
        // Rows 1..100,000 by created_at: from inclusive, to exclusive.
        AuditFilter range = new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(START.plus(STEP)), Optional.of(START.plus(STEP.multipliedBy(100_001))));
        long before = heapAfterGc();
        CountingWriter out = new CountingWriter();
        long start = System.nanoTime();
        query.writeCsv(range, out);
        double seconds = (System.nanoTime() - start) / 1e9;
        long after = heapAfterGc();
        assertEquals(100_001, out.lines, "header and 100,000 rows");
        Log.warnf("BENCH CSV of %,d rows: %,d chars in %.2f s; heap used after GC before %d MB, after %d MB; "
                + "highest heap used seen while streaming (garbage included) %d MB; max heap %d MB", out.lines - 1,
                out.chars, seconds, before >> 20, after >> 20, out.peakHeap >> 20,
                Runtime.getRuntime().maxMemory() >> 20);

        // All 1,000,000 rows: more characters than the whole heap, so only a stream can finish.
        CountingWriter all = new CountingWriter();
        start = System.nanoTime();
        query.writeCsv(AuditFilter.ALL, all);
        seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(ROWS + 1, all.lines, "header and every row");
        Log.warnf("BENCH CSV of all %,d rows: %,d chars (%d MB as Java chars) in %.2f s; heap used after GC %d MB; "
                + "max heap %d MB", all.lines - 1, all.chars, (all.chars * 2) >> 20, seconds, heapAfterGc() >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    private static double median(String what, Supplier<AuditPage> run) {
        for (int i = 0; i < 5; i++) {
            run.get(); // warm-up
        }
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            run.get();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        double median = (ms[RUNS / 2 - 1] + ms[RUNS / 2]) / 2;
        Log.warnf("BENCH %s, limit 50: median %.2f ms, min %.2f, max %.2f over %d runs", what, median, ms[0],
                ms[RUNS - 1], RUNS);
        return median;
    }

    private String explain(AuditFilter filter, Optional<Long> beforeId, int limit) throws Exception {
        List<Object> params = new ArrayList<>();
        String sql = "EXPLAIN (ANALYZE, BUFFERS) " + AuditQuery.select(filter, beforeId, params) + " LIMIT ?";
        params.add(limit);
        try (Connection c = db.getConnection(); PreparedStatement explain = c.prepareStatement(sql)) {
            AuditQuery.bind(c, explain, params);
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    private static AuditFilter filter(Optional<String> model, Optional<String> policy, Optional<Outcome> outcome) {
        return new AuditFilter(model, policy, outcome, Optional.empty(), Optional.empty());
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Counts what is written and keeps the highest heap use seen every 10,000 lines. */
    private static final class CountingWriter extends Writer {
        long chars;
        long lines;
        long peakHeap;

        @Override
        public void write(char[] buffer, int offset, int length) {
            chars += length;
            for (int i = offset; i < offset + length; i++) {
                if (buffer[i] == '\n' && ++lines % 10_000 == 0) {
                    peakHeap = Math.max(peakHeap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
