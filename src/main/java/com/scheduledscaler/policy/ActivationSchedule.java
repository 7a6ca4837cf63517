package com.scheduledscaler.policy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When one policy is active and with which settings, as sorted non-overlapping {@link Activation}s.
 * Computed per week-long block of UTC time on first use and memoized: a pure function of the
 * policy, so sharing it between {@link PolicySet}s is safe.
 */
final class ActivationSchedule {

    static final long WEEK = LocalCron.WEEK;
    private static final long DAY = 86_400;
    private static final int LOOKBACK_WEEKS = 53;
    private static final int LOOKBACK_DAYS = 366;
    private static final Activation[] NONE = new Activation[0];

    private final Policy policy;
    private final ZoneId zone;
    private final CalendarRule calendar;
    private final long validEnd;
    private final ConcurrentHashMap<Long, Activation[]> blocks = new ConcurrentHashMap<>();
    private final Activation[] forever;
    /** The most recently used block: most questions are about the current week. */
    private volatile Block lastBlock;

    private record Block(long index, Activation[] activations) {
    }

    ActivationSchedule(Policy policy) {
        this.policy = policy;
        this.zone = policy.zone();
        this.calendar = policy.calendar();
        this.validEnd = calendar.validUntil() == null ? Activation.FAR_FUTURE
                : WallClock.startOfDay(calendar.validUntil().plusDays(1), zone).getEpochSecond();
        this.forever = policy.schedule() instanceof Schedule.Always && calendar.unrestricted()
                ? new Activation[] {new Activation(Activation.FAR_PAST, Activation.FAR_FUTURE, policy.settings(),
                        Activation.FAR_PAST)}
                : null;
    }

    Policy policy() {
        return policy;
    }

    /** The activation containing instant {@code t} (epoch seconds), or null when inactive. */
    Activation at(long t) {
        Activation[] acts = block(Math.floorDiv(t, WEEK));
        int lo = 0;
        int hi = acts.length - 1;
        Activation found = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (acts[mid].start() <= t) {
                found = acts[mid];
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found != null && found.contains(t) ? found : null;
    }

    /** Adds every activation start and end in [from, to) to {@code sink}. */
    void boundaries(long from, long to, LocalCron.LongList sink) {
        for (long k = Math.floorDiv(from, WEEK); k * WEEK < to; k++) {
            for (Activation a : block(k)) {
                if (a.start() >= from && a.start() < to) {
                    sink.add(a.start());
                }
                if (a.end() >= from && a.end() < to) {
                    sink.add(a.end());
                }
            }
        }
    }

    /** Activations overlapping week block {@code index}. */
    Activation[] block(long index) {
        if (forever != null) {
            return forever;
        }
        Block last = lastBlock;
        if (last != null && last.index == index) {
            return last.activations;
        }
        Activation[] cached = blocks.get(index);
        if (cached == null) {
            Activation[] computed = compute(index * WEEK, index * WEEK + WEEK);
            Activation[] raced = blocks.putIfAbsent(index, computed);
            cached = raced != null ? raced : computed;
        }
        lastBlock = new Block(index, cached);
        return cached;
    }

    private Activation[] compute(long a, long b) {
        List<Activation> acts = new ArrayList<>();
        Schedule schedule = policy.schedule();
        if (schedule instanceof Schedule.Always) {
            always(a, b, acts);
        } else if (schedule instanceof Schedule.DailyWindow w) {
            dailyWindow(w, a, b, acts);
        } else if (schedule instanceof Schedule.Once o) {
            once(o, a, b, acts);
        } else if (schedule instanceof Schedule.CronWindows w) {
            for (Schedule.CronWindow window : w.windows()) {
                cronWindow(window, a, b, acts);
            }
            return w.windows().size() == 1 ? acts.toArray(NONE) : union(acts);
        } else if (schedule instanceof Schedule.Steps s) {
            steps(s, a, b, acts);
            return acts.toArray(NONE);
        }
        return merge(acts);
    }

    private void always(long a, long b, List<Activation> acts) {
        LocalDate first = localDate(a).minusDays(1);
        LocalDate last = localDate(b).plusDays(1);
        LocalDate runStart = null;
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            boolean allowed = calendar.allows(d);
            if (allowed && runStart == null) {
                runStart = d;
            }
            boolean endsRun = runStart != null && (!allowed || d.equals(last));
            if (endsRun) {
                LocalDate runEnd = allowed ? d : d.minusDays(1);
                LocalDate from = runStart;
                boolean sinceForever = false;
                if (from.equals(first)) {
                    int i = 0;
                    while (i < LOOKBACK_DAYS && calendar.allows(from.minusDays(1))) {
                        from = from.minusDays(1);
                        i++;
                    }
                    sinceForever = i == LOOKBACK_DAYS;
                }
                boolean untilFurtherNotice = false;
                if (runEnd.equals(last)) {
                    int i = 0;
                    while (i < LOOKBACK_DAYS && calendar.allows(runEnd.plusDays(1))) {
                        runEnd = runEnd.plusDays(1);
                        i++;
                    }
                    untilFurtherNotice = i == LOOKBACK_DAYS;
                }
                long start = sinceForever ? Activation.FAR_PAST : WallClock.startOfDay(from, zone).getEpochSecond();
                long end = untilFurtherNotice ? Activation.FAR_FUTURE
                        : WallClock.startOfDay(runEnd.plusDays(1), zone).getEpochSecond();
                addIfOverlapping(acts, start, end, policy.settings(), start, a, b);
                runStart = null;
            }
        }
    }

    private void dailyWindow(Schedule.DailyWindow w, long a, long b, List<Activation> acts) {
        LocalDate last = localDate(b).plusDays(1);
        for (LocalDate d = localDate(a).minusDays(1); !d.isAfter(last); d = d.plusDays(1)) {
            if (!w.days().contains(d.getDayOfWeek()) || !calendar.allows(d)) {
                continue;
            }
            long start = WallClock.instant(d.atTime(w.from()), zone).getEpochSecond();
            LocalDate endDay = w.crossesMidnight() ? d.plusDays(1) : d;
            long end = WallClock.instant(endDay.atTime(w.to()), zone).getEpochSecond();
            addIfOverlapping(acts, start, end, policy.settings(), start, a, b);
        }
    }

    private void once(Schedule.Once o, long a, long b, List<Activation> acts) {
        if (calendar.allows(o.from().toLocalDate())) {
            long start = WallClock.instant(o.from(), zone).getEpochSecond();
            long end = WallClock.instant(o.to(), zone).getEpochSecond();
            addIfOverlapping(acts, start, end, policy.settings(), start, a, b);
        }
    }

    private void cronWindow(Schedule.CronWindow w, long a, long b, List<Activation> acts) {
        long cursor = a;
        long lastStart = lastAtOrBefore(w.start(), a, true);
        if (lastStart != Long.MIN_VALUE) {
            long end = firstAtOrAfter(w.end(), lastStart + 1, false);
            if (end > a) {
                long previousEnd = lastAtOrBefore(w.end(), lastStart, false);
                long since = previousEnd == Long.MIN_VALUE ? lastStart
                        : Math.min(lastStart, firstAtOrAfter(w.start(), previousEnd, true));
                acts.add(new Activation(since, end, policy.settings(), since));
                cursor = end;
            }
        }
        long[] starts = fires(w.start(), a, b, true);
        long[] ends = starts.length == 0 ? starts : fires(w.end(), a, b + DAY, false);
        for (long start : starts) {
            if (start < cursor) {
                continue;
            }
            int i = Arrays.binarySearch(ends, start + 1);
            int at = i >= 0 ? i : -i - 1;
            long end = at < ends.length ? ends[at] : firstAtOrAfter(w.end(), Math.max(start + 1, b + DAY), false);
            acts.add(new Activation(start, end, policy.settings(), start));
            cursor = end;
            if (cursor >= b) {
                break;
            }
        }
    }

    private void steps(Schedule.Steps s, long a, long b, List<Activation> acts) {
        List<Schedule.Step> steps = s.steps();
        long prevAt = Long.MIN_VALUE;
        int prevStep = -1;
        long next = Activation.FAR_FUTURE;
        List<long[]> events = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            LocalCron cron = steps.get(i).at();
            long last = lastAtOrBefore(cron, a, true);
            if (last != Long.MIN_VALUE && last >= prevAt) {
                prevAt = last;
                prevStep = i;
            }
            for (long fire : fires(cron, a + 1, b, true)) {
                events.add(new long[] {fire, i});
            }
            next = Math.min(next, firstAtOrAfter(cron, b, true));
        }
        events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        long currentAt = prevAt;
        int currentStep = prevStep;
        for (long[] event : events) {
            if (currentStep >= 0 && event[0] > currentAt) {
                addStep(acts, steps.get(currentStep), currentAt, event[0]);
            }
            currentAt = event[0];
            currentStep = (int) event[1];
        }
        if (currentStep >= 0) {
            addStep(acts, steps.get(currentStep), currentAt, next);
        }
    }

    private void addStep(List<Activation> acts, Schedule.Step step, long start, long end) {
        long clipped = Math.min(end, validEnd);
        if (clipped > start) {
            acts.add(new Activation(start, clipped, policy.settings().overlay(step.settings()), start));
        }
    }

    private static void addIfOverlapping(List<Activation> acts, long start, long end, Settings settings, long since,
            long a, long b) {
        if (end > start && end > a && start < b) {
            acts.add(new Activation(start, end, settings, since));
        }
    }

    /** Sorts and joins overlapping activations (touching ones stay apart); the joined one keeps the earliest. */
    private static Activation[] merge(List<Activation> acts) {
        if (acts.size() < 2) {
            return acts.toArray(NONE);
        }
        acts.sort(Comparator.comparingLong(Activation::start));
        List<Activation> out = new ArrayList<>(acts.size());
        Activation current = acts.get(0);
        for (int i = 1; i < acts.size(); i++) {
            Activation next = acts.get(i);
            if (next.start() < current.end()) {
                if (next.end() > current.end()) {
                    current = new Activation(current.start(), next.end(), current.settings(), current.since());
                }
            } else {
                out.add(current);
                current = next;
            }
        }
        out.add(current);
        return out.toArray(NONE);
    }

    /**
     * The union of several entries' (possibly overlapping) activations as non-overlapping segments;
     * each segment's {@code since} is the latest start among the entries active in it, so every
     * segment depends only on the entries that overlap it, whichever block computes it.
     */
    private static Activation[] union(List<Activation> acts) {
        if (acts.size() < 2) {
            return acts.toArray(NONE);
        }
        long[] points = new long[acts.size() * 2];
        int n = 0;
        for (Activation a : acts) {
            points[n++] = a.start();
            points[n++] = a.end();
        }
        points = distinct(Arrays.copyOf(sorted(points), n));
        List<Activation> out = new ArrayList<>();
        for (int i = 0; i + 1 < points.length; i++) {
            long from = points[i];
            long to = points[i + 1];
            long since = Long.MIN_VALUE;
            Settings settings = null;
            for (Activation a : acts) {
                if (a.start() <= from && to <= a.end() && a.since() > since) {
                    since = a.since();
                    settings = a.settings();
                }
            }
            if (settings == null) {
                continue;
            }
            int last = out.size() - 1;
            if (last >= 0 && out.get(last).end() == from && out.get(last).since() == since) {
                out.set(last, new Activation(out.get(last).start(), to, settings, since));
            } else {
                out.add(new Activation(from, to, settings, since));
            }
        }
        return out.toArray(NONE);
    }

    private static long[] sorted(long[] values) {
        Arrays.sort(values);
        return values;
    }

    // --- cron fires in this policy's zone --------------------------------------------------------

    /** Fire instants of {@code cron} in [from, to), sorted and distinct; optionally only allowed days. */
    long[] fires(LocalCron cron, long from, long to, boolean filterDays) {
        if (to <= from) {
            return new long[0];
        }
        long[] local = cron.localFires(from - DAY, to + DAY);
        LocalCron.LongList out = new LocalCron.LongList();
        LocalDate lastDate = null;
        boolean lastAllowed = true;
        for (long l : local) {
            LocalDateTime ldt = LocalDateTime.ofEpochSecond(l, 0, ZoneOffset.UTC);
            if (filterDays) {
                LocalDate date = ldt.toLocalDate();
                if (!date.equals(lastDate)) {
                    lastDate = date;
                    lastAllowed = calendar.allows(date);
                }
                if (!lastAllowed) {
                    continue;
                }
            }
            WallClock.instants(ldt, zone, cron.hourly(), x -> {
                if (x >= from && x < to) {
                    out.add(x);
                }
            });
        }
        long[] result = out.toArray();
        Arrays.sort(result);
        return distinct(result);
    }

    /** The latest fire at or before {@code t} within a year, or Long.MIN_VALUE. */
    long lastAtOrBefore(LocalCron cron, long t, boolean filterDays) {
        long[] recent = fires(cron, t + 1 - DAY, t + 1, filterDays);
        if (recent.length > 0) {
            return recent[recent.length - 1];
        }
        for (int k = 0; k < LOOKBACK_WEEKS; k++) {
            long[] found = fires(cron, t + 1 - DAY - (k + 1) * WEEK, t + 1 - DAY - k * WEEK, filterDays);
            if (found.length > 0) {
                return found[found.length - 1];
            }
        }
        return Long.MIN_VALUE;
    }

    /** The earliest fire at or after {@code t} within a year, or {@link Activation#FAR_FUTURE}. */
    long firstAtOrAfter(LocalCron cron, long t, boolean filterDays) {
        long[] soon = fires(cron, t, t + DAY, filterDays);
        if (soon.length > 0) {
            return soon[0];
        }
        for (int k = 0; k < LOOKBACK_WEEKS; k++) {
            long[] found = fires(cron, t + DAY + k * WEEK, t + DAY + (k + 1) * WEEK, filterDays);
            if (found.length > 0) {
                return found[0];
            }
        }
        return Activation.FAR_FUTURE;
    }

    private static long[] distinct(long[] sorted) {
        if (sorted.length < 2) {
            return sorted;
        }
        int n = 1;
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] != sorted[n - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        return n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
    }

    private LocalDate localDate(long epochSecond) {
        return LocalDate.ofInstant(java.time.Instant.ofEpochSecond(epochSecond), zone);
    }
}
