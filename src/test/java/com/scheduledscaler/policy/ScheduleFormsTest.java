package com.scheduledscaler.policy;

import static com.scheduledscaler.policy.Policies.at;
import static com.scheduledscaler.policy.Policies.min;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Each schedule form and each calendar entry kind, evaluated level-triggered. */
class ScheduleFormsTest {

    private static final String Z = "Europe/Berlin";

    private static PolicySet one(String body) {
        return Policies.set("name: p\nmodels: [m]\ntimezone: " + Z + "\n" + body);
    }

    @Test
    void alwaysIsActiveAtEveryInstant() {
        PolicySet set = one("always: true\nsettings: {min_replica: 1}\n");
        assertEquals(1, min(set, "m", Policies.utc("1999-01-01T00:00:00Z")));
        assertEquals(1, min(set, "m", Policies.utc("2040-06-01T12:00:00Z")));
        assertEquals(java.util.Optional.empty(), set.nextTransition(Policies.NOW));
    }

    @Test
    void windowIsActiveFromItsStartUntilBeforeItsEndOnItsDays() {
        PolicySet set = one("window: {days: Mon-Fri, from: \"08:00\", to: \"19:00\"}\nsettings: {min_replica: 2}\n");
        assertNull(min(set, "m", at("2026-12-07T07:59:59", Z)));
        assertEquals(2, min(set, "m", at("2026-12-07T08:00", Z)));
        assertEquals(2, min(set, "m", at("2026-12-07T18:59:59", Z)));
        assertNull(min(set, "m", at("2026-12-07T19:00", Z)));
        assertNull(min(set, "m", at("2026-12-12T10:00", Z)), "Saturday");
    }

    @Test
    void windowCrossingMidnightBelongsToTheDayItStarts() {
        PolicySet set = one("window: {days: Fri, from: \"22:00\", to: \"06:00\"}\nsettings: {min_replica: 3}\n");
        assertEquals(3, min(set, "m", at("2026-12-11T23:00", Z)));
        assertEquals(3, min(set, "m", at("2026-12-12T05:59", Z)), "Saturday morning, started Friday");
        assertNull(min(set, "m", at("2026-12-12T23:00", Z)));
    }

    @Test
    void windowsAreActiveFromEachStartFireToTheNextEndFire() {
        PolicySet set = one("windows:\n  - {start: \"0 8 * * MON-FRI\", end: \"0 19 * * MON-FRI\"}\n"
                + "settings: {min_replica: 2}\n");
        assertNull(min(set, "m", at("2026-12-07T07:59", Z)));
        assertEquals(2, min(set, "m", at("2026-12-07T08:00", Z)));
        assertNull(min(set, "m", at("2026-12-07T19:00", Z)));
        assertNull(min(set, "m", at("2026-12-13T10:00", Z)));
    }

    @Test
    void cronWindowSpanningTheWeekendIsFoundByLookingBack() {
        PolicySet set = one("windows:\n  - {start: \"0 18 * * FRI\", end: \"0 6 * * MON\"}\nsettings: {min_replica: 0}\n");
        assertEquals(0, min(set, "m", at("2026-12-13T12:00", Z)));
        assertEquals(0, min(set, "m", at("2026-12-14T05:59", Z)));
        assertNull(min(set, "m", at("2026-12-14T06:00", Z)));
    }

    @Test
    void quartzCronWithSecondsAndLastDayOfMonthWorks() {
        PolicySet set = one("windows:\n  - {start: \"0 0 20 L * ?\", end: \"0 0 23 L * ?\"}\n"
                + "settings: {min_replica: 5}\n");
        assertEquals(5, min(set, "m", at("2026-02-28T21:00", Z)));
        assertNull(min(set, "m", at("2026-02-27T21:00", Z)));
    }

    @Test
    void stepsAreInTheStateOfTheirLatestFire() {
        PolicySet set = one("steps:\n  - {at: \"0 22 * * *\", settings: {min_replica: 4, machine_type: A100}}\n"
                + "  - {at: \"0 6 * * *\", settings: {min_replica: 0}}\n");
        assertEquals(4, min(set, "m", at("2026-12-08T03:00", Z)));
        assertEquals("A100", set.desired("m", at("2026-12-08T03:00", Z)).settings().machineType());
        assertEquals(0, min(set, "m", at("2026-12-08T06:00", Z)));
        assertNull(set.desired("m", at("2026-12-08T06:00", Z)).settings().machineType());
    }

    @Test
    void weeklyStepIsFoundFarBack() {
        PolicySet set = one("steps:\n  - {at: \"0 6 1 1 *\", settings: {min_replica: 9}}\n");
        assertEquals(9, min(set, "m", at("2026-11-30T12:00", Z)), "fired eleven months earlier");
    }

    @Test
    void excludedStepDoesNotFireAndThePreviousStepStays() {
        PolicySet set = one("steps:\n  - {at: \"0 22 * * *\", settings: {min_replica: 4}}\n"
                + "  - {at: \"0 6 * * *\", settings: {min_replica: 0}}\ncalendar: {except: [2026-12-08]}\n");
        assertEquals(4, min(set, "m", at("2026-12-08T12:00", Z)), "06:00 on the 8th is excluded");
        assertEquals(4, min(set, "m", at("2026-12-08T23:00", Z)), "22:00 on the 8th is excluded too");
        assertEquals(0, min(set, "m", at("2026-12-09T06:00", Z)));
    }

    @Test
    void onceIsActiveBetweenTwoLocalTimes() {
        PolicySet set = one("once: {from: \"2026-12-10T09:00\", to: \"2026-12-12T18:00\"}\nsettings: {min_replica: 8}\n");
        assertNull(min(set, "m", at("2026-12-10T08:59", Z)));
        assertEquals(8, min(set, "m", at("2026-12-11T03:00", Z)));
        assertNull(min(set, "m", at("2026-12-12T18:00", Z)));
    }

    @Test
    void validRangeIsInclusiveLocalDates() {
        PolicySet set = one("always: true\nvalid: {from: 2026-12-01, until: 2026-12-31}\nsettings: {min_replica: 1}\n");
        assertNull(min(set, "m", at("2026-11-30T23:59:59", Z)));
        assertEquals(1, min(set, "m", at("2026-12-01T00:00", Z)));
        assertEquals(1, min(set, "m", at("2026-12-31T23:59:59", Z)));
        assertNull(min(set, "m", at("2027-01-01T00:00", Z)));
    }

    @Test
    void calendarExceptRemovesDatesAndDateRanges() {
        PolicySet set = one("window: {days: Mon-Fri, from: \"08:00\", to: \"19:00\"}\n"
                + "calendar: {except: [2026-12-24, 2026-12-28..2027-01-01]}\nsettings: {min_replica: 2}\n");
        assertEquals(2, min(set, "m", at("2026-12-23T10:00", Z)));
        assertNull(min(set, "m", at("2026-12-24T10:00", Z)));
        assertNull(min(set, "m", at("2026-12-30T10:00", Z)));
        assertNull(min(set, "m", at("2027-01-01T10:00", Z)));
        assertEquals(2, min(set, "m", at("2027-01-04T10:00", Z)));
    }

    @Test
    void calendarOnlyKeepsJustWeekdaysAndWeekdayRanges() {
        PolicySet set = one("window: {from: \"08:00\", to: \"09:00\"}\ncalendar: {only: [Mon, Wed-Thu]}\n"
                + "settings: {min_replica: 2}\n");
        assertEquals(2, min(set, "m", at("2026-12-07T08:30", Z)), "Mon");
        assertNull(min(set, "m", at("2026-12-08T08:30", Z)), "Tue");
        assertEquals(2, min(set, "m", at("2026-12-09T08:30", Z)), "Wed");
        assertEquals(2, min(set, "m", at("2026-12-10T08:30", Z)), "Thu");
        assertNull(min(set, "m", at("2026-12-11T08:30", Z)), "Fri");
    }

    @Test
    void crossingMidnightWindowIsKeptOrDroppedByItsStartDate() {
        PolicySet set = one("window: {from: \"22:00\", to: \"02:00\"}\ncalendar: {except: [2026-12-24]}\n"
                + "settings: {min_replica: 1}\n");
        assertNull(min(set, "m", at("2026-12-25T01:00", Z)), "started on the excluded 24th");
        assertEquals(1, min(set, "m", at("2026-12-26T01:00", Z)), "started on the 25th");
    }
}
