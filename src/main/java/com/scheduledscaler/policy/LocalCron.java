package com.scheduledscaler.policy;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.field.CronFieldName;
import com.cronutils.model.field.expression.Always;
import com.cronutils.model.field.expression.Every;
import com.cronutils.model.field.expression.FieldExpression;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cron expression evaluated on the local wall clock, never on instants: cron-utils runs in UTC
 * as a pseudo-local clock, so no fire is ever lost to a DST gap. {@link WallClock} maps the local
 * fires to instants. 5 fields are Unix cron (minute first), 6 or 7 fields Quartz (seconds first).
 * Local fires are memoized per week, so every policy sharing an expression shares the work.
 */
public final class LocalCron {

    static final long WEEK = 7L * 86_400;
    private static final CronParser UNIX = new CronParser(definition(CronType.UNIX));
    private static final CronParser QUARTZ = new CronParser(definition(CronType.QUARTZ));

    private final String expression;
    private final ExecutionTime execution;
    private final boolean hourly;
    private final ConcurrentHashMap<Long, long[]> weeks = new ConcurrentHashMap<>();
    private volatile int[] timesOfDay;

    private LocalCron(String expression, Cron cron) {
        this.expression = expression;
        this.execution = ExecutionTime.forCron(cron);
        this.hourly = matchesEveryHour(cron.retrieve(CronFieldName.HOUR).getExpression());
    }

    private static CronDefinition definition(CronType type) {
        return CronDefinitionBuilder.instanceDefinitionFor(type);
    }

    /**
     * Parses a cron expression.
     *
     * @throws IllegalArgumentException with a reader-facing reason when it does not parse
     */
    public static LocalCron parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("cron expression is empty");
        }
        String trimmed = expression.trim().replaceAll("\\s+", " ");
        int fields = trimmed.split(" ").length;
        CronParser parser;
        if (fields == 5) {
            parser = UNIX;
        } else if (fields == 6 || fields == 7) {
            parser = QUARTZ;
        } else {
            throw new IllegalArgumentException("cron '" + trimmed + "' has " + fields
                    + " fields; expected 5 (Unix) or 6-7 (Quartz, seconds first)");
        }
        try {
            return new LocalCron(trimmed, parser.parse(trimmed).validate());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot parse cron '" + trimmed + "': " + e.getMessage());
        }
    }

    public String expression() {
        return expression;
    }

    /** True when the hour field matches every hour: such crons fire at each real matching instant. */
    public boolean hourly() {
        return hourly;
    }

    /** The first local fire strictly after {@code local}, if any. */
    public Optional<LocalDateTime> nextAfter(LocalDateTime local) {
        try {
            return execution.nextExecution(local.atZone(ZoneOffset.UTC)).map(ZonedDateTime::toLocalDateTime);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Local fires (as local epoch seconds, i.e. wall clock read as if UTC) in [from, to), sorted.
     */
    long[] localFires(long fromLocal, long toLocal) {
        LongList out = new LongList();
        for (long w = Math.floorDiv(fromLocal, WEEK); w * WEEK < toLocal; w++) {
            for (long fire : week(w)) {
                if (fire >= fromLocal && fire < toLocal) {
                    out.add(fire);
                }
            }
        }
        return out.toArray();
    }

    /**
     * Local fires in the local week {@code index} (weeks counted from the epoch). The second,
     * minute and hour fields of a cron do not depend on the date, so a day's fire times are computed
     * once and each day of the week only asks cron-utils whether that date matches.
     */
    long[] week(long index) {
        long[] cached = weeks.get(index);
        if (cached != null) {
            return cached;
        }
        int[] times = timesOfDay();
        LongList out = new LongList();
        if (times.length > 0) {
            long firstDay = index * 7;
            for (long day = firstDay; day < firstDay + 7; day++) {
                LocalDateTime first = LocalDateTime.ofEpochSecond(day * 86_400 + times[0], 0, ZoneOffset.UTC);
                if (matches(first)) {
                    for (int time : times) {
                        out.add(day * 86_400 + time);
                    }
                }
            }
        }
        long[] fires = out.toArray();
        long[] raced = weeks.putIfAbsent(index, fires);
        return raced != null ? raced : fires;
    }

    private boolean matches(LocalDateTime local) {
        try {
            return execution.isMatch(local.atZone(ZoneOffset.UTC));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Seconds of the day at which the cron fires on a matching day, ascending. */
    private int[] timesOfDay() {
        int[] times = timesOfDay;
        if (times != null) {
            return times;
        }
        LongList out = new LongList();
        Optional<LocalDateTime> some = nextAfter(LocalDateTime.of(2000, 1, 1, 0, 0).minusSeconds(1));
        if (some.isPresent()) {
            java.time.LocalDate day = some.get().toLocalDate();
            Optional<LocalDateTime> next = nextAfter(day.atStartOfDay().minusSeconds(1));
            while (next.isPresent() && next.get().toLocalDate().equals(day)) {
                out.add(next.get().toLocalTime().toSecondOfDay());
                next = nextAfter(next.get());
            }
        }
        times = new int[out.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = (int) out.get(i);
        }
        timesOfDay = times;
        return times;
    }

    private static boolean matchesEveryHour(FieldExpression hours) {
        if (hours instanceof Always) {
            return true;
        }
        if (hours instanceof Every every) {
            String text = every.asString();
            return text.equals("*/1") || text.equals("0/1");
        }
        return false;
    }

    @Override
    public String toString() {
        return expression;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LocalCron other && other.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    /** A growable list of primitive longs. */
    static final class LongList implements WallClock.LongSink {
        private long[] values = new long[16];
        private int size;

        @Override
        public void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int size() {
            return size;
        }

        long get(int i) {
            return values[i];
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
