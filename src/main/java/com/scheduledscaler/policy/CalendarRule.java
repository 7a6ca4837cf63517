package com.scheduledscaler.policy;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Which local dates a policy may act on: {@code only} keeps just its days (when not empty),
 * {@code except} removes days, and the {@code valid} range bounds both (inclusive, may be null).
 */
public record CalendarRule(DaySet only, DaySet except, LocalDate validFrom, LocalDate validUntil) {

    public static final CalendarRule ANY_DAY = new CalendarRule(DaySet.EMPTY, DaySet.EMPTY, null, null);

    public CalendarRule {
        Objects.requireNonNull(only, "only");
        Objects.requireNonNull(except, "except");
        if (validFrom != null && validUntil != null && validUntil.isBefore(validFrom)) {
            throw new IllegalArgumentException("valid range ends " + validUntil + " before it starts " + validFrom);
        }
    }

    /** True when every day is allowed (no only, no except, no valid range). */
    public boolean unrestricted() {
        return only.isEmpty() && except.isEmpty() && validFrom == null && validUntil == null;
    }

    public boolean allows(LocalDate date) {
        if (validFrom != null && date.isBefore(validFrom)) {
            return false;
        }
        if (validUntil != null && date.isAfter(validUntil)) {
            return false;
        }
        if (!only.isEmpty() && !only.contains(date)) {
            return false;
        }
        return !except.contains(date);
    }
}
