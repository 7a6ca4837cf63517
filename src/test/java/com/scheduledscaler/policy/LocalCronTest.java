package com.scheduledscaler.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The memoized week of local fires equals what cron-utils' next-execution walk gives. */
class LocalCronTest {

    @ParameterizedTest
    @ValueSource(strings = {"0 8 * * MON-FRI", "*/20 3-14 * * *", "15 * * * *", "0 0 1 * *", "0 12 29 2 *",
        "0 0 20 L * ?", "0 30 9 ? * 6#3", "0 0 12 15W * ?", "30 15 10 * * ? 2026", "0 22 * * 0"})
    void weekOfFiresMatchesTheNextExecutionWalk(String expression) {
        LocalCron cron = LocalCron.parse(expression);
        long from = LocalDateTime.parse("2026-01-01T00:00").toEpochSecond(ZoneOffset.UTC);
        boolean dense = cron.hourly() || expression.contains("/");
        long to = LocalDateTime.parse(dense ? "2026-04-01T00:00" : "2028-06-01T00:00").toEpochSecond(ZoneOffset.UTC);
        List<Long> walk = new ArrayList<>();
        LocalDateTime cursor = LocalDateTime.ofEpochSecond(from - 1, 0, ZoneOffset.UTC);
        while (true) {
            var next = cron.nextAfter(cursor);
            if (next.isEmpty() || next.get().toEpochSecond(ZoneOffset.UTC) >= to) {
                break;
            }
            walk.add(next.get().toEpochSecond(ZoneOffset.UTC));
            cursor = next.get();
        }
        assertArrayEquals(walk.stream().mapToLong(Long::longValue).toArray(), cron.localFires(from, to));
    }

    @ParameterizedTest
    @ValueSource(strings = {"* * * * *", "15 * * * *", "*/5 * * * *", "0 0 * * * ?"})
    void hourlyCronsAreRecognised(String expression) {
        assertTrue(LocalCron.parse(expression).hourly());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 8 * * *", "0 */2 * * *", "0 0 8-18 * * ?"})
    void otherCronsAreNotHourly(String expression) {
        assertFalse(LocalCron.parse(expression).hourly());
    }
}
