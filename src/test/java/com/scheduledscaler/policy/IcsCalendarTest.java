package com.scheduledscaler.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .ics calendars: all-day events with and without DTEND, recurrences, relaxed parsing. */
class IcsCalendarTest {

    @TempDir
    Path dir;

    static String calendar(String... events) {
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//scheduled-scaler//test//EN\r\n" + String.join("", events)
                + "END:VCALENDAR\r\n";
    }

    static String allDay(String start, String end) {
        return "BEGIN:VEVENT\r\nUID:" + start + (end == null ? "" : end) + "@test\r\nDTSTAMP:20260101T000000Z\r\n"
                + "DTSTART;VALUE=DATE:" + start + "\r\n" + (end == null ? "" : "DTEND;VALUE=DATE:" + end + "\r\n")
                + "SUMMARY:Holiday\r\nEND:VEVENT\r\n";
    }

    private IcsDays read(String ics) {
        Policies.write(dir, "cal.ics", ics);
        return new IcsCalendars(LocalDate.of(2026, 6, 1)).read(dir.resolve("cal.ics"), "cal.ics");
    }

    @Test
    void allDayEventWithoutDtendCoversOneDay() {
        IcsDays days = read(calendar(allDay("20261224", null)));
        assertTrue(days.contains(LocalDate.of(2026, 12, 24)));
        assertFalse(days.contains(LocalDate.of(2026, 12, 25)));
    }

    @Test
    void allDayEventWithDtendCoversUpToTheExclusiveEnd() {
        IcsDays days = read(calendar(allDay("20261224", "20261227")));
        assertEquals(3, days.days().size());
        assertTrue(days.contains(LocalDate.of(2026, 12, 26)));
        assertFalse(days.contains(LocalDate.of(2026, 12, 27)));
    }

    @Test
    void yearlyRecurrenceIsExpanded() {
        String event = allDay("20200501", null).replace("SUMMARY", "RRULE:FREQ=YEARLY\r\nSUMMARY");
        IcsDays days = read(calendar(event));
        assertTrue(days.contains(LocalDate.of(2026, 5, 1)));
        assertTrue(days.contains(LocalDate.of(2030, 5, 1)));
        assertFalse(days.contains(LocalDate.of(2026, 5, 2)));
    }

    @Test
    void recurrenceWithExdateSkipsThatDay() {
        String event = allDay("20260105", null).replace("SUMMARY",
                "RRULE:FREQ=WEEKLY;COUNT=4\r\nEXDATE;VALUE=DATE:20260112\r\nSUMMARY");
        IcsDays days = read(calendar(event));
        assertTrue(days.contains(LocalDate.of(2026, 1, 5)));
        assertFalse(days.contains(LocalDate.of(2026, 1, 12)));
        assertTrue(days.contains(LocalDate.of(2026, 1, 19)));
        assertFalse(days.contains(LocalDate.of(2026, 2, 2)));
    }

    @Test
    void relaxedParsingAcceptsLfLineEndingsAndSloppyFolding() {
        String sloppy = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nBEGIN:VEVENT\nUID:1\nDTSTART;VALUE=DATE:20261003\n"
                + "SUMMARY:Tag der Deutschen\n Einheit\nX-UNKNOWN-THING:whatever\nEND:VEVENT\nEND:VCALENDAR\n";
        assertTrue(read(sloppy).contains(LocalDate.of(2026, 10, 3)));
    }

    @Test
    void timedEventCoversTheDateItStartsOn() {
        String event = "BEGIN:VEVENT\r\nUID:t@test\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20261111T090000\r\n"
                + "DTEND:20261111T170000\r\nSUMMARY:Offsite\r\nEND:VEVENT\r\n";
        IcsDays days = read(calendar(event));
        assertEquals(java.util.Set.of(LocalDate.of(2026, 11, 11)), days.days());
    }

    @Test
    void exceptCalendarTurnsAPolicyOffOnItsDays() {
        Policies.write(dir, "calendars/holidays.ics", calendar(allDay("20261224", "20261227")));
        PolicySet set = Policies.set(dir, """
                name: office
                models: [m]
                timezone: Europe/Berlin
                window: {days: Mon-Fri, from: "08:00", to: "19:00"}
                calendar: {except: [calendars/holidays.ics]}
                settings: {min_replica: 2}
                """);
        assertNull(Policies.min(set, "m", Policies.at("2026-12-24T10:00", "Europe/Berlin")));
        assertNull(Policies.min(set, "m", Policies.at("2026-12-25T10:00", "Europe/Berlin")));
        assertEquals(2, Policies.min(set, "m", Policies.at("2026-12-28T10:00", "Europe/Berlin")));
    }

    @Test
    void onlyCalendarWithWeekendsGivesAWeekendAndHolidayPolicy() {
        Policies.write(dir, "calendars/holidays.ics", calendar(allDay("20261225", null)));
        PolicySet set = Policies.set(dir, """
                name: off-days
                models: [m]
                timezone: Europe/Berlin
                priority: 10
                always: true
                calendar: {only: [Sat-Sun, calendars/holidays.ics]}
                settings: {min_replica: 0}
                ---
                name: base
                models: [m]
                always: true
                settings: {min_replica: 1}
                """);
        assertEquals(0, Policies.min(set, "m", Policies.at("2026-12-25T00:00", "Europe/Berlin")), "Friday holiday");
        assertEquals(1, Policies.min(set, "m", Policies.at("2026-12-24T23:59:59", "Europe/Berlin")));
        assertEquals(0, Policies.min(set, "m", Policies.at("2026-12-27T23:59:59", "Europe/Berlin")), "Sunday");
        assertEquals(1, Policies.min(set, "m", Policies.at("2026-12-28T00:00", "Europe/Berlin")), "Monday");
        assertEquals(Policies.at("2026-12-28T00:00", "Europe/Berlin"),
                set.nextTransition("m", Policies.at("2026-12-25T12:00", "Europe/Berlin")).orElseThrow().at(),
                "Friday holiday and the weekend are one stretch");
    }
}
