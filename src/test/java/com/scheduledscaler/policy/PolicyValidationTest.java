package com.scheduledscaler.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each validation error names its file, line, policy and field; one bad policy never stops the others. */
class PolicyValidationTest {

    @TempDir
    Path dir;

    private static final String GOOD = """
            name: good
            models: [m]
            always: true
            settings: {min_replica: 1}
            """;

    /** The single error of a policy written after a good one, which must still load. */
    private Problem onlyError(String bad) {
        LoadResult result = Policies.load(dir, GOOD + "---\n" + bad);
        assertEquals(List.of("good"), result.policies().stream().map(Policy::name).toList(),
                "the good policy still loads");
        assertEquals(1, result.errors().size(), result.errors().toString());
        Problem p = result.errors().get(0);
        assertEquals("policies/test.yaml", p.file());
        assertTrue(p.message().startsWith("policies/test.yaml:" + p.line() + ": "), p.message());
        return p;
    }

    private static void assertPlace(Problem p, int line, String policy, String field, String reasonPart) {
        assertEquals(line, p.line(), p.message());
        assertEquals(policy, p.policy(), p.message());
        assertEquals(field, p.field(), p.message());
        assertTrue(p.reason().contains(reasonPart), p.message());
        assertTrue(p.message().contains("policy '" + policy + "'") && p.message().contains(field), p.message());
    }

    @Test
    void unknownFieldIsNamedWithItsLineAndASuggestion() {
        Problem p = onlyError("""
                name: typo
                models: [m]
                always: true
                settings: {min_replicas: 1}
                """);
        assertPlace(p, 9, "typo", "settings.min_replicas", "unknown field 'min_replicas'");
        assertTrue(p.reason().contains("did you mean 'min_replica'"), p.reason());
    }

    @Test
    void unknownTopLevelFieldIsAnError() {
        Problem p = onlyError("name: typo\nmodels: [m]\nalways: true\ntimezon: UTC\n");
        assertPlace(p, 9, "typo", "timezon", "did you mean 'timezone'");
    }

    @Test
    void unparseableCronIsNamed() {
        Problem p = onlyError("""
                name: bad-cron
                models: [m]
                steps:
                  - {at: "0 25 * * *", settings: {min_replica: 1}}
                """);
        assertPlace(p, 9, "bad-cron", "steps[0].at", "cannot parse cron '0 25 * * *'");
    }

    @Test
    void cronWithTheWrongNumberOfFieldsIsNamed() {
        Problem p = onlyError("name: bad-cron\nmodels: [m]\nwindows:\n  - {start: \"0 8 * *\", end: \"0 9 * * *\"}\n");
        assertPlace(p, 9, "bad-cron", "windows[0].start", "has 4 fields");
    }

    @Test
    void cronThatCanNeverFireIsNamed() {
        Problem p = onlyError("""
                name: feb-30
                models: [m]
                windows:
                  - {start: "0 8 30 2 *", end: "0 9 * * *"}
                """);
        assertPlace(p, 9, "feb-30", "windows[0].start", "can never fire");
    }

    @Test
    void unknownTimeZoneIsNamed() {
        Problem p = onlyError("name: tz\nmodels: [m]\ntimezone: Europe/Berln\nalways: true\n");
        assertPlace(p, 8, "tz", "timezone", "unknown time zone 'Europe/Berln'");
    }

    @Test
    void minGreaterThanMaxIsNamed() {
        Problem p = onlyError("name: mm\nmodels: [m]\nalways: true\nsettings: {min_replica: 5, max_replica: 2}\n");
        assertPlace(p, 9, "mm", "settings.min_replica", "min_replica 5 is greater than max_replica 2");
    }

    @Test
    void minGreaterThanMaxInAStepIsNamed() {
        Problem p = onlyError("""
                name: mm
                models: [m]
                settings: {max_replica: 2}
                steps:
                  - {at: "0 8 * * *", settings: {min_replica: 3}}
                """);
        assertPlace(p, 10, "mm", "steps[0].settings", "min_replica 3 is greater than max_replica 2");
    }

    @Test
    void negativeNumberIsNamed() {
        Problem p = onlyError("name: neg\nmodels: [m]\nalways: true\nsettings:\n  scale_down_delay: -5\n");
        assertPlace(p, 10, "neg", "settings.scale_down_delay", "must not be negative");
    }

    @Test
    void unknownWeekdayIsNamed() {
        Problem p = onlyError("name: wd\nmodels: [m]\nwindow: {days: Mon-Fry, from: \"08:00\", to: \"09:00\"}\n");
        assertPlace(p, 8, "wd", "window.days", "unknown weekday 'Fry'");
    }

    @Test
    void unknownWeekdayInACalendarIsNamed() {
        Problem p = onlyError("name: wd\nmodels: [m]\nalways: true\ncalendar:\n  only: [Mon, Sunday, Mnday]\n");
        assertPlace(p, 10, "wd", "calendar.only", "unknown weekday 'Mnday'");
    }

    @Test
    void missingIcsFileIsNamed() {
        Problem p = onlyError("name: ics\nmodels: [m]\nalways: true\ncalendar:\n  except: [calendars/nope.ics]\n");
        assertPlace(p, 10, "ics", "calendar.except", "calendars/nope.ics does not exist");
    }

    @Test
    void unreadableIcsFileIsNamed() {
        Policies.write(dir, "calendars/garbage.ics", "this is not a calendar\n");
        Problem p = onlyError("name: ics\nmodels: [m]\nalways: true\ncalendar:\n  except: [calendars/garbage.ics]\n");
        assertPlace(p, 10, "ics", "calendar.except", "calendars/garbage.ics is unreadable");
    }

    @Test
    void emptyIcsFileIsNamed() {
        Policies.write(dir, "calendars/empty.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n"
                + "END:VCALENDAR\r\n");
        Problem p = onlyError("name: ics\nmodels: [m]\nalways: true\ncalendar:\n  except: [calendars/empty.ics]\n");
        assertPlace(p, 10, "ics", "calendar.except", "is empty");
    }

    @Test
    void duplicateNamesInOneFileAreNamedWithTheFirstPlace() {
        LoadResult result = Policies.load(dir, GOOD + "---\n" + GOOD);
        assertEquals(1, result.policies().size());
        Problem p = result.errors().get(0);
        assertPlace(p, 6, "good", "name", "duplicate policy name 'good' (first defined at policies/test.yaml:1)");
    }

    @Test
    void duplicateNamesAcrossFilesAreDetected() {
        Path a = Policies.write(dir, "a.yaml", GOOD);
        Path b = Policies.write(dir, "b.yaml", "description: again\n" + GOOD);
        LoadResult result = new PolicyLoader(dir, Policies.NOW).loadFiles(List.of(a, b));
        assertEquals(1, result.errors().size(), result.problems().toString());
        Problem p = result.errors().get(0);
        assertEquals(dir.getFileName() + "/b.yaml", p.file());
        assertPlace(p, 1, "good", "name", "first defined at " + dir.getFileName() + "/a.yaml:1");
    }

    @Test
    void windowWhoseStartEqualsItsEndIsNamed() {
        Problem p = onlyError("name: zero\nmodels: [m]\nwindow: {from: \"08:00\", to: \"08:00\"}\n");
        assertPlace(p, 8, "zero", "window.to", "starts and ends at the same time");
    }

    @Test
    void cronWindowWhoseStartEqualsItsEndIsNamed() {
        Problem p = onlyError("name: zero\nmodels: [m]\nwindows:\n  - {start: \"0 8 * * *\", end: \"0 8 * * *\"}\n");
        assertPlace(p, 9, "zero", "windows[0].end", "start equals its end");
    }

    @Test
    void noModelsIsNamed() {
        Problem p = onlyError("name: nobody\nmodels: []\nalways: true\n");
        assertPlace(p, 7, "nobody", "models", "no models");
    }

    @Test
    void missingModelsIsNamed() {
        Problem p = onlyError("name: nobody\nalways: true\n");
        assertPlace(p, 6, "nobody", "models", "no models");
    }

    @Test
    void badNameIsNamed() {
        Problem p = onlyError("name: Business_Hours\nmodels: [m]\nalways: true\n");
        assertPlace(p, 6, "Business_Hours", "name", "lower-case letters, digits and '-'");
    }

    @Test
    void twoScheduleFormsAreAnError() {
        Problem p = onlyError("name: two\nmodels: [m]\nalways: true\nonce: {from: \"2026-12-10T09:00\", "
                + "to: \"2026-12-11T09:00\"}\n");
        assertTrue(p.reason().contains("exactly one schedule form") && p.reason().contains("always and once"),
                p.message());
        assertEquals(6, p.line());
    }

    @Test
    void noScheduleFormIsAnError() {
        Problem p = onlyError("name: none\nmodels: [m]\n");
        assertTrue(p.reason().contains("found none"), p.message());
    }

    @Test
    void yamlSyntaxErrorCostsOnlyItsDocument() {
        LoadResult result = Policies.load(dir, GOOD + "---\nname: [broken\n---\n" + GOOD.replace("good", "also-good"));
        assertEquals(List.of("good", "also-good"), result.policies().stream().map(Policy::name).toList());
        assertEquals(1, result.errors().size());
        assertTrue(result.errors().get(0).message().startsWith("policies/test.yaml:"), result.errors().toString());
    }

    @Test
    void jsonBodyIsValidatedTheSameWay() {
        LoadResult result = new PolicyLoader(dir, Policies.NOW).parseJson("admin-api", """
                {"name": "api",
                 "models": ["m"],
                 "always": true,
                 "settings": {"min_replicas": 1}}
                """);
        assertEquals(1, result.errors().size());
        assertPlace(result.errors().get(0), 4, "api", "settings.min_replicas", "unknown field");
        assertEquals("admin-api", result.errors().get(0).file());
    }

    @Test
    void validJsonBodyLoads() {
        LoadResult result = new PolicyLoader(dir, Policies.NOW).parseJson("admin-api", """
                {"name": "api", "models": ["m"], "priority": 5, "timezone": "Europe/Berlin",
                 "window": {"days": "Mon-Fri", "from": "08:00", "to": "19:00"},
                 "settings": {"min_replica": 1, "max_replica": 3, "machine_type": "A100", "is_dedicated": true}}
                """);
        assertEquals(List.of(), result.problems());
        Policy p = result.policies().get(0);
        assertEquals(5, p.priority());
        assertEquals(new Settings(1, 3, null, null, true, "A100", null, null), p.settings());
    }

    @Test
    void warnsAboutAModelWithWindowsButNoBaseline() {
        Path a = Policies.write(dir, "a.yaml", "name: office\nmodels: [m, n]\nwindow: {from: \"08:00\", to: \"19:00\"}\n"
                + "settings: {min_replica: 1}\n---\nname: base\nmodels: [n]\nalways: true\n");
        LoadResult result = new PolicyLoader(dir, Policies.NOW).loadFiles(List.of(a));
        assertEquals(List.of(), result.errors());
        assertEquals(1, result.warnings().size(), result.warnings().toString());
        Problem w = result.warnings().get(0);
        assertPlace(w, 1, "office", "models", "model 'm' has windowed policies but no 'always' baseline");
    }

    @Test
    void warnsAboutACalendarWithNoEventsInTheNextTwelveMonths() {
        Policies.write(dir, "calendars/old.ics", IcsCalendarTest.calendar(IcsCalendarTest.allDay("20200101", null)));
        LoadResult result = Policies.load(dir, "name: old\nmodels: [m]\nalways: true\ncalendar:\n"
                + "  except: [calendars/old.ics]\n");
        assertEquals(List.of(), result.errors());
        assertEquals(1, result.warnings().size());
        assertPlace(result.warnings().get(0), 5, "old", "calendar.except", "no events in the 12 months from 2026-06-01");
    }

    @Test
    void disabledPolicyLoadsButIsLeftOutOfTheSet() {
        List<Policy> policies = Policies.valid(dir, GOOD + "---\nname: paused\nmodels: [m]\nenabled: false\n"
                + "always: true\npriority: 9\nsettings: {min_replica: 7}\n");
        assertEquals(2, policies.size());
        assertEquals(1, Policies.min(PolicySet.of(policies), "m", Policies.NOW));
    }
}
