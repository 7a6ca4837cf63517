package com.scheduledscaler.policy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A set of local dates given by weekdays, single dates, inclusive date ranges and ICS calendars
 * (already expanded to their all-day dates).
 */
public record DaySet(Set<DayOfWeek> weekdays, Set<LocalDate> dates, List<DateRange> ranges,
        List<IcsDays> calendars) {

    public static final DaySet EMPTY = new DaySet(Set.of(), Set.of(), List.of(), List.of());

    public DaySet {
        weekdays = weekdays.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(weekdays));
        dates = Set.copyOf(dates);
        ranges = List.copyOf(ranges);
        calendars = List.copyOf(calendars);
    }

    public boolean isEmpty() {
        return weekdays.isEmpty() && dates.isEmpty() && ranges.isEmpty() && calendars.isEmpty();
    }

    public boolean contains(LocalDate date) {
        if (weekdays.contains(date.getDayOfWeek()) || dates.contains(date)) {
            return true;
        }
        for (DateRange range : ranges) {
            if (range.contains(date)) {
                return true;
            }
        }
        for (IcsDays calendar : calendars) {
            if (calendar.contains(date)) {
                return true;
            }
        }
        return false;
    }

    /** An inclusive range of local dates. */
    public record DateRange(LocalDate from, LocalDate until) {
        public DateRange {
            if (until.isBefore(from)) {
                throw new IllegalArgumentException("date range ends " + until + " before it starts " + from);
            }
        }

        public boolean contains(LocalDate date) {
            return !date.isBefore(from) && !date.isAfter(until);
        }
    }
}
