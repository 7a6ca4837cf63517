package com.scheduledscaler.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps scheduled local wall-clock times to UTC instants by the DST rules of DESIGN.md section 4:
 * a time in a spring-forward gap happens once, shifted by the gap length; a time the fall-back
 * repeats happens once at the earlier instant, unless every real instant is wanted (hourly crons).
 */
final class WallClock {

    private static final ConcurrentHashMap<ZoneId, Boolean> FIXED = new ConcurrentHashMap<>();

    private WallClock() {
    }

    /** The one instant at which a scheduled local time happens. */
    static Instant instant(LocalDateTime local, ZoneId zone) {
        if (isFixed(zone)) {
            return local.toInstant(zone.getRules().getOffset(Instant.EPOCH));
        }
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }

    /**
     * Every instant at which a local time happens: one, two in a fall-back overlap when
     * {@code everyRealInstant}, or the gap-shifted one when the time does not exist.
     */
    static void instants(LocalDateTime local, ZoneId zone, boolean everyRealInstant, LongSink sink) {
        if (isFixed(zone)) {
            sink.add(local.toEpochSecond(zone.getRules().getOffset(Instant.EPOCH)));
            return;
        }
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.size() == 2 && everyRealInstant) {
            sink.add(local.toEpochSecond(offsets.get(0)));
            sink.add(local.toEpochSecond(offsets.get(1)));
        } else if (offsets.size() == 1) {
            sink.add(local.toEpochSecond(offsets.get(0)));
        } else {
            sink.add(ZonedDateTime.ofLocal(local, zone, null).toEpochSecond());
        }
    }

    /** The instant a local date starts (midnight, or the first instant after a gap at midnight). */
    static Instant startOfDay(LocalDate date, ZoneId zone) {
        return date.atStartOfDay(zone).toInstant();
    }

    static LocalDate localDate(Instant instant, ZoneId zone) {
        return LocalDate.ofInstant(instant, zone);
    }

    private static boolean isFixed(ZoneId zone) {
        return FIXED.computeIfAbsent(zone, z -> z.getRules().isFixedOffset());
    }

    /** Receives epoch seconds. */
    interface LongSink {
        void add(long epochSecond);
    }

}
