package com.scheduledscaler.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DST per DESIGN.md section 4, in zones with 1-hour shifts, a 30-minute shift (Lord Howe), southern
 * hemisphere (Sydney) and a non-whole-hour offset (St. John's, UTC-3:30/-2:30).
 */
class DaylightSavingTest {

    /** A local time in the middle of the zone's first 2026 spring-forward gap. */
    record Gap(ZoneOffsetTransition transition, LocalDateTime local, Instant shifted) {
        static Gap in(String zone) {
            ZoneOffsetTransition t = first(zone, true);
            Duration half = t.getDuration().dividedBy(2);
            return new Gap(t, t.getDateTimeBefore().plus(half), t.getInstant().plus(half));
        }
    }

    /** A local time in the middle of the zone's first 2026 fall-back overlap, with both its instants. */
    record Overlap(ZoneOffsetTransition transition, LocalDateTime local, Instant earlier, Instant later) {
        static Overlap in(String zone) {
            ZoneOffsetTransition t = first(zone, false);
            LocalDateTime local = t.getDateTimeAfter().plus(t.getDuration().abs().dividedBy(2));
            return new Overlap(t, local, local.toInstant(t.getOffsetBefore()), local.toInstant(t.getOffsetAfter()));
        }
    }

    private static ZoneOffsetTransition first(String zone, boolean gap) {
        ZoneOffsetTransition t = ZoneId.of(zone).getRules().nextTransition(Instant.parse("2026-01-01T00:00:00Z"));
        while (t.isGap() != gap) {
            t = ZoneId.of(zone).getRules().nextTransition(t.getInstant());
        }
        return t;
    }

    private static String hm(LocalDateTime t) {
        return String.format("\"%02d:%02d\"", t.getHour(), t.getMinute());
    }

    private static String cron(LocalDateTime t) {
        return String.format("\"%d %d * * *\"", t.getMinute(), t.getHour());
    }

    private static PolicySet window(String zone, LocalDateTime from, LocalDateTime to) {
        return Policies.set("name: w\nmodels: [m]\ntimezone: " + zone + "\nwindow: {from: " + hm(from) + ", to: "
                + hm(to) + "}\nsettings: {min_replica: 1}\n");
    }

    private static PolicySet steps(String zone, String at) {
        return Policies.set("name: s\nmodels: [m]\ntimezone: " + zone + "\nsteps:\n  - {at: " + at
                + ", settings: {min_replica: 1}}\n  - {at: \"0 12 * * *\", settings: {min_replica: 0}}\n");
    }

    private static List<Instant> startsOfMin1(PolicySet set, Instant around) {
        return set.timeline(around.minus(Duration.ofHours(4)), around.plus(Duration.ofHours(4))).stream()
                .filter(t -> Integer.valueOf(1).equals(t.settings().minReplica())).map(Transition::at).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Berlin", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe",
            "America/St_Johns"})
    void windowStartInTheGapOpensOnceShiftedByTheGap(String zone) {
        Gap gap = Gap.in(zone);
        PolicySet set = window(zone, gap.local(), gap.local().plusHours(3));
        assertNull(Policies.min(set, "m", gap.shifted().minusSeconds(1)));
        assertEquals(1, Policies.min(set, "m", gap.shifted()));
        assertEquals(List.of(gap.shifted()), startsOfMin1(set, gap.shifted()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Berlin", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe",
            "America/St_Johns"})
    void windowEndInTheGapClosesShiftedByTheGap(String zone) {
        Gap gap = Gap.in(zone);
        PolicySet set = window(zone, gap.local().minusHours(3), gap.local());
        assertEquals(1, Policies.min(set, "m", gap.shifted().minusSeconds(1)));
        assertNull(Policies.min(set, "m", gap.shifted()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Berlin", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe",
            "America/St_Johns"})
    void stepInTheGapFiresOnceShiftedByTheGap(String zone) {
        Gap gap = Gap.in(zone);
        PolicySet set = steps(zone, cron(gap.local()));
        assertEquals(0, Policies.min(set, "m", gap.shifted().minusSeconds(1)));
        assertEquals(1, Policies.min(set, "m", gap.shifted()));
        assertEquals(List.of(gap.shifted()), startsOfMin1(set, gap.shifted()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Berlin", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe",
            "America/St_Johns"})
    void windowStartInTheOverlapOpensOnceAtTheEarlierInstant(String zone) {
        Overlap overlap = Overlap.in(zone);
        PolicySet set = window(zone, overlap.local(), overlap.local().plusHours(3));
        assertNull(Policies.min(set, "m", overlap.earlier().minusSeconds(1)));
        assertEquals(1, Policies.min(set, "m", overlap.earlier()));
        assertEquals(1, Policies.min(set, "m", overlap.later()));
        assertEquals(List.of(overlap.earlier()), startsOfMin1(set, overlap.earlier()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Berlin", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe",
            "America/St_Johns"})
    void windowEndInTheOverlapClosesAtTheEarlierInstant(String zone) {
        Overlap overlap = Overlap.in(zone);
        PolicySet set = window(zone, overlap.local().minusHours(3), overlap.local());
        assertEquals(1, Policies.min(set, "m", overlap.earlier().minusSeconds(1)));
        assertNull(Policies.min(set, "m", overlap.earlier()));
        assertNull(Policies.min(set, "m", overlap.later()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Berlin", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe",
            "America/St_Johns"})
    void stepInTheOverlapFiresOnceAtTheEarlierInstant(String zone) {
        Overlap overlap = Overlap.in(zone);
        // A second step just before the repeated time: if the repeated time fired again, it would win.
        LocalDateTime before = overlap.local().minusMinutes(5);
        PolicySet set = Policies.set("name: s\nmodels: [m]\ntimezone: " + zone + "\nsteps:\n  - {at: "
                + cron(overlap.local()) + ", settings: {min_replica: 1}}\n  - {at: " + cron(before)
                + ", settings: {min_replica: 0}}\n");
        assertEquals(1, Policies.min(set, "m", overlap.earlier()));
        assertEquals(1, Policies.min(set, "m", overlap.later().minusSeconds(60)),
                "the repeated earlier step must not fire again");
        assertEquals(1, Policies.min(set, "m", overlap.later()));
        assertEquals(List.of(overlap.earlier()), startsOfMin1(set, overlap.earlier()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Berlin", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe",
            "America/St_Johns"})
    void hourlyStepFiresAtBothRealInstantsOfTheOverlap(String zone) {
        Overlap overlap = Overlap.in(zone);
        int minute = overlap.local().getMinute();
        int other = (minute + 5) % 60;
        PolicySet set = Policies.set("name: s\nmodels: [m]\ntimezone: " + zone + "\nsteps:\n  - {at: \"" + minute
                + " * * * *\", settings: {min_replica: 1}}\n  - {at: \"" + other
                + " * * * *\", settings: {min_replica: 0}}\n");
        List<Instant> fires = startsOfMin1(set, overlap.earlier());
        assertTrue(fires.contains(overlap.earlier()), fires.toString());
        assertTrue(fires.contains(overlap.later()), fires.toString());
        assertEquals(1, Policies.min(set, "m", overlap.later()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Berlin", "Australia/Lord_Howe", "America/St_Johns"})
    void hourlyStepInTheGapFiresOnceNotTwice(String zone) {
        Gap gap = Gap.in(zone);
        int minute = gap.local().getMinute();
        PolicySet set = Policies.set("name: s\nmodels: [m]\ntimezone: " + zone + "\nsteps:\n  - {at: \"" + minute
                + " * * * *\", settings: {min_replica: 1}}\n  - {at: \"" + ((minute + 1) % 60)
                + " * * * *\", settings: {min_replica: 0}}\n");
        List<Instant> fires = startsOfMin1(set, gap.shifted());
        assertEquals(fires.stream().distinct().toList(), fires);
        assertTrue(fires.contains(gap.shifted()), fires.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"America/St_Johns", "Asia/Kolkata", "Australia/Lord_Howe"})
    void windowUsesTheNonWholeHourOffset(String zone) {
        PolicySet set = Policies.set("name: w\nmodels: [m]\ntimezone: " + zone
                + "\nwindow: {from: \"09:00\", to: \"17:00\"}\nsettings: {min_replica: 1}\n");
        Instant nine = Policies.at("2026-07-15T09:00", zone);
        assertNull(Policies.min(set, "m", nine.minusSeconds(1)));
        assertEquals(1, Policies.min(set, "m", nine));
        assertFalse(set.timeline(nine.minusSeconds(60), nine.plusSeconds(60)).isEmpty());
        assertEquals(nine, set.nextTransition("m", nine.minusSeconds(3600)).orElseThrow().at());
    }

    @org.junit.jupiter.api.Test
    void berlinConcreteInstantsMatchTheDesign() {
        // 2026-03-29 02:30 Berlin does not exist: fires at 03:30 CEST = 01:30Z.
        PolicySet gap = steps("Europe/Berlin", "\"30 2 * * *\"");
        assertEquals(Policies.utc("2026-03-29T01:30:00Z"),
                gap.nextTransition("m", Policies.utc("2026-03-29T00:00:00Z")).orElseThrow().at());
        // 2026-10-25 02:30 Berlin happens twice: fires at 02:30 CEST = 00:30Z only.
        PolicySet overlap = steps("Europe/Berlin", "\"30 2 * * *\"");
        assertEquals(Policies.utc("2026-10-25T00:30:00Z"),
                overlap.nextTransition("m", Policies.utc("2026-10-24T23:00:00Z")).orElseThrow().at());
        assertEquals(Policies.utc("2026-10-25T11:00:00Z"),
                overlap.nextTransition("m", Policies.utc("2026-10-25T00:30:00Z")).orElseThrow().at());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Berlin", "Australia/Lord_Howe", "America/St_Johns"})
    void cronWindowStartInTheGapAndEndInTheOverlapFollowTheSameRules(String zone) {
        Gap gap = Gap.in(zone);
        PolicySet opens = Policies.set("name: w\nmodels: [m]\ntimezone: " + zone + "\nwindows:\n  - {start: "
                + cron(gap.local()) + ", end: \"0 12 * * *\"}\nsettings: {min_replica: 1}\n");
        assertNull(Policies.min(opens, "m", gap.shifted().minusSeconds(1)));
        assertEquals(1, Policies.min(opens, "m", gap.shifted()));

        Overlap overlap = Overlap.in(zone);
        PolicySet closes = Policies.set("name: w\nmodels: [m]\ntimezone: " + zone + "\nwindows:\n"
                + "  - {start: \"0 20 * * *\", end: " + cron(overlap.local()) + "}\nsettings: {min_replica: 1}\n");
        assertEquals(1, Policies.min(closes, "m", overlap.earlier().minusSeconds(1)));
        assertNull(Policies.min(closes, "m", overlap.earlier()));
        assertNull(Policies.min(closes, "m", overlap.later()));
    }
}
