package com.scheduledscaler.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ExDate;
import net.fortuna.ical4j.model.property.RDate;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.util.CompatibilityHints;

/**
 * Reads .ics files into the set of local dates their events cover, memoized per file (path,
 * size and modification time). Parsing, unfolding and validation are relaxed, as real holiday
 * files need. Recurrences (RRULE, RDATE, EXDATE) are expanded over [today - 1 year, today + 6 years].
 * An all-day event covers [DTSTART, DTEND), one day when it has no DTEND or DURATION; a timed
 * event covers the dates of its start and end as written.
 */
final class IcsCalendars {

    static {
        CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_PARSING, true);
        CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_UNFOLDING, true);
        CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_VALIDATION, true);
        CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_OUTLOOK_COMPATIBILITY, true);
    }

    private final LocalDate expandFrom;
    private final LocalDate expandUntil;
    /** A file read within this many nanoseconds is not looked at again (one reload reads it once). */
    private static final long RECHECK_NANOS = 1_000_000_000L;

    private final ConcurrentHashMap<String, IcsDays> cache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Path, Checked> checked = new ConcurrentHashMap<>();

    private record Checked(long at, IcsDays days) {
    }

    IcsCalendars(LocalDate today) {
        this.expandFrom = today.minusYears(1);
        this.expandUntil = today.plusYears(6);
    }

    /**
     * The days of the calendar at {@code file}; {@code name} is how the policy wrote it.
     *
     * @throws IllegalArgumentException when the file is missing, unreadable or has no events
     */
    IcsDays read(Path file, String name) {
        Checked recent = checked.get(file);
        if (recent != null && System.nanoTime() - recent.at() < RECHECK_NANOS) {
            return recent.days();
        }
        IcsDays days = readChecked(file, name);
        checked.put(file, new Checked(System.nanoTime(), days));
        return days;
    }

    private IcsDays readChecked(Path file, String name) {
        String key;
        try {
            key = file.toAbsolutePath().normalize() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("calendar file " + name + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("calendar file " + name + " is unreadable: " + e.getMessage());
        }
        IcsDays cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        IcsDays days = new IcsDays(name, parse(file, name));
        cache.put(key, days);
        return days;
    }

    private Set<LocalDate> parse(Path file, String name) {
        Calendar calendar;
        try (InputStream in = Files.newInputStream(file)) {
            calendar = new CalendarBuilder().build(in);
        } catch (IOException | ParserException | RuntimeException e) {
            throw new IllegalArgumentException("calendar file " + name + " is unreadable: " + e.getMessage());
        }
        Set<LocalDate> days = new HashSet<>();
        int events = 0;
        for (Component component : calendar.getComponents(Component.VEVENT)) {
            events++;
            try {
                addEvent((VEvent) component, days);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("calendar file " + name + " has an unusable event: "
                        + e.getMessage());
            }
        }
        if (events == 0) {
            throw new IllegalArgumentException("calendar file " + name + " is empty: it has no events");
        }
        return days;
    }

    private void addEvent(VEvent event, Set<LocalDate> days) {
        Optional<DtStart<Temporal>> start = event.getStartDate();
        if (start.isEmpty()) {
            return;
        }
        Temporal first = start.get().getDate();
        TemporalAmount length = length(event, first);
        boolean recurring = !event.getProperties("RRULE").isEmpty() || !event.getProperties("RDATE").isEmpty();
        if (!recurring) {
            addSpan(first, length, days);
            return;
        }
        if (first instanceof LocalDate seed) {
            // All-day: expand RRULE/RDATE/EXDATE directly (much cheaper than calculateRecurrenceSet).
            Set<LocalDate> starts = new HashSet<>();
            starts.add(seed);
            for (Object p : event.getProperties("RRULE")) {
                @SuppressWarnings("unchecked")
                net.fortuna.ical4j.model.Recur<LocalDate> recur = ((RRule<LocalDate>) p).getRecur();
                starts.addAll(recur.getDates(seed, expandFrom, expandUntil));
            }
            for (Object p : event.getProperties("RDATE")) {
                for (Object d : ((RDate<?>) p).getDates()) {
                    if (d instanceof LocalDate date) {
                        starts.add(date);
                    }
                }
            }
            for (Object p : event.getProperties("EXDATE")) {
                for (Object d : ((ExDate<?>) p).getDates()) {
                    if (d instanceof LocalDate date) {
                        starts.remove(date);
                    }
                }
            }
            for (LocalDate occurrence : starts) {
                addSpan(occurrence, length, days);
            }
        } else {
            net.fortuna.ical4j.model.Period<ZonedDateTime> range = new net.fortuna.ical4j.model.Period<>(
                    expandFrom.atStartOfDay(java.time.ZoneOffset.UTC),
                    expandUntil.atStartOfDay(java.time.ZoneOffset.UTC));
            Set<net.fortuna.ical4j.model.Period<Temporal>> set = event.calculateRecurrenceSet(range);
            for (net.fortuna.ical4j.model.Period<Temporal> p : set) {
                addSpan(p.getStart(), length, days);
            }
        }
    }

    private static TemporalAmount length(VEvent event, Temporal first) {
        Optional<DtEnd<Temporal>> end = event.getEndDate(false);
        if (end.isPresent()) {
            Temporal last = end.get().getDate();
            if (first instanceof LocalDate a && last instanceof LocalDate b) {
                return Period.between(a, b);
            }
            return Duration.between(first, last);
        }
        Optional<net.fortuna.ical4j.model.property.Duration> duration = event.getProperty("DURATION");
        if (duration.isPresent()) {
            return duration.get().getDuration();
        }
        return first instanceof LocalDate ? Period.ofDays(1) : Duration.ZERO;
    }

    private static void addSpan(Temporal start, TemporalAmount length, Set<LocalDate> days) {
        if (start instanceof LocalDate from) {
            LocalDate until = from.plus(length);
            if (!until.isAfter(from)) {
                until = from.plusDays(1);
            }
            for (LocalDate d = from; d.isBefore(until); d = d.plusDays(1)) {
                days.add(d);
            }
            return;
        }
        LocalDateTime from = localOf(start);
        LocalDateTime until = from.plus(length);
        for (LocalDate d = from.toLocalDate(); !d.isAfter(until.toLocalDate()); d = d.plusDays(1)) {
            if (d.equals(from.toLocalDate()) || d.atStartOfDay().isBefore(until)) {
                days.add(d);
            }
        }
    }

    private static LocalDateTime localOf(Temporal t) {
        if (t instanceof ZonedDateTime z) {
            return z.toLocalDateTime();
        }
        if (t instanceof OffsetDateTime o) {
            return o.toLocalDateTime();
        }
        if (t instanceof java.time.Instant i) {
            return LocalDateTime.ofInstant(i, java.time.ZoneOffset.UTC);
        }
        return LocalDateTime.from(t);
    }
}
