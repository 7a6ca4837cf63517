package com.scheduledscaler.policy;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/** The local dates an ICS calendar file covers (all-day events, recurrences expanded). */
public record IcsDays(String path, Set<LocalDate> days) {

    public IcsDays {
        Objects.requireNonNull(path, "path");
        days = Set.copyOf(days);
    }

    public boolean contains(LocalDate date) {
        return days.contains(date);
    }

    /** True when some day falls in [from, until] inclusive. */
    public boolean anyBetween(LocalDate from, LocalDate until) {
        for (LocalDate day : days) {
            if (!day.isBefore(from) && !day.isAfter(until)) {
                return true;
            }
        }
        return false;
    }
}
