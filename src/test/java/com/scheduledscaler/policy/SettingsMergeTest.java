package com.scheduledscaler.policy;

import static com.scheduledscaler.policy.Policies.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Merge per field by priority, tie-breaks, the min/max rule and overrides. */
class SettingsMergeTest {

    private static final String BASE = """
            name: base
            models: [m]
            always: true
            settings: {min_replica: 0, max_replica: 2, scale_down_delay: 300}
            """;

    @Test
    void eachFieldComesFromTheHighestPriorityPolicyThatSetsIt() {
        PolicySet set = Policies.set(BASE + "---\nname: office\nmodels: [m]\npriority: 100\n"
                + "window: {from: \"08:00\", to: \"19:00\"}\nsettings: {min_replica: 1}\n");
        Desired d = set.desired("m", Policies.utc("2026-12-07T10:00:00Z"));
        assertEquals(new Settings(1, 2, 300, null, null, null, null, null), d.settings());
        assertEquals(List.of("office", "base"), d.policies());
        assertEquals(List.of(), d.warnings());
    }

    @Test
    void onEqualPriorityThePolicyWhoseActivationStartedLaterWins() {
        PolicySet set = Policies.set("""
                name: early
                models: [m]
                window: {from: "08:00", to: "19:00"}
                settings: {min_replica: 1}
                ---
                name: late
                models: [m]
                window: {from: "12:00", to: "14:00"}
                settings: {min_replica: 2}
                """);
        assertEquals(1, Policies.min(set, "m", Policies.utc("2026-12-07T11:00:00Z")));
        assertEquals(2, Policies.min(set, "m", Policies.utc("2026-12-07T13:00:00Z")));
    }

    @Test
    void onEqualPriorityAndStartTheNameDecides() {
        PolicySet set = Policies.set("name: b\nmodels: [m]\nalways: true\nsettings: {min_replica: 2}\n---\n"
                + "name: a\nmodels: [m]\nalways: true\nsettings: {min_replica: 1}\n");
        assertEquals(1, Policies.min(set, "m", Policies.NOW));
    }

    @Test
    void minAboveMaxKeepsTheHigherPriorityFieldAndClampsTheOtherWithAWarning() {
        PolicySet set = Policies.set(BASE + "---\nname: surge\nmodels: [m]\npriority: 10\nalways: true\n"
                + "settings: {min_replica: 5}\n");
        Desired d = set.desired("m", Policies.NOW);
        assertEquals(5, d.settings().minReplica());
        assertEquals(5, d.settings().maxReplica());
        assertEquals(1, d.warnings().size());
        assertTrue(d.warnings().get(0).contains("max_replica clamped to 5"), d.warnings().toString());
    }

    @Test
    void maxBelowMinFromAHigherPriorityPolicyClampsMin() {
        PolicySet set = Policies.set("name: base\nmodels: [m]\nalways: true\nsettings: {min_replica: 4}\n---\n"
                + "name: cap\nmodels: [m]\npriority: 10\nalways: true\nsettings: {max_replica: 1}\n");
        Desired d = set.desired("m", Policies.NOW);
        assertEquals(new Settings(1, 1, null, null, null, null, null, null), d.settings());
        assertTrue(d.warnings().get(0).contains("min_replica clamped to 1"), d.warnings().toString());
    }

    @Test
    void overrideSitsAboveEveryPolicyUntilItExpires() {
        Instant until = Policies.utc("2026-12-07T12:00:00Z");
        PolicySet set = PolicySet.of(Policies.valid(java.nio.file.Path.of("."), BASE),
                List.of(new SettingsOverride("m", new Settings(3, 3, null, null, null, null, null, null), until,
                        "incident")));
        Desired pinned = set.desired("m", until.minusSeconds(1));
        assertEquals(new Settings(3, 3, 300, null, null, null, null, null), pinned.settings());
        assertTrue(pinned.overridden());
        assertFalse(set.desired("m", until).overridden());
        assertEquals(0, set.desired("m", until).settings().minReplica());
        assertEquals(until, set.nextTransition("m", until.minusSeconds(3600)).orElseThrow().at());
    }

    @Test
    void pausingAPolicyIsACheapRebuild() {
        PolicySet set = Policies.set(BASE + "---\nname: surge\nmodels: [m]\npriority: 10\nalways: true\n"
                + "settings: {min_replica: 2}\n");
        assertEquals(2, Policies.min(set, "m", Policies.NOW));
        assertEquals(0, Policies.min(set.without("surge"), "m", Policies.NOW));
        assertEquals(2, Policies.min(set, "m", Policies.NOW), "the original set is unchanged");
    }

    @Test
    void fieldsNoPolicySetsAreNotSent() {
        PolicySet set = Policies.set(BASE);
        assertEquals(null, set.desired("m", at("2026-12-07T10:00", "UTC")).settings().machineType());
        assertTrue(set.desired("unknown-model", Policies.NOW).settings().isEmpty());
    }

    @Test
    void desiredAllCoversEveryModel() {
        PolicySet set = Policies.set("name: a\nmodels: [x, y]\nalways: true\nsettings: {min_replica: 1}\n");
        assertEquals(List.of("x", "y"), List.copyOf(set.desiredAll(Policies.NOW).keySet()));
    }

    @Test
    void timelineListsChangedFields() {
        PolicySet set = Policies.set(BASE + "---\nname: office\nmodels: [m]\npriority: 100\n"
                + "window: {from: \"08:00\", to: \"19:00\"}\nsettings: {min_replica: 1}\n");
        List<Transition> day = set.timeline(Policies.utc("2026-12-07T00:00:00Z"), Policies.utc("2026-12-08T00:00:00Z"));
        assertEquals(2, day.size());
        assertEquals(Policies.utc("2026-12-07T08:00:00Z"), day.get(0).at());
        assertEquals(List.of("min_replica"), day.get(0).changedFields());
        assertEquals(List.of("office", "base"), day.get(0).policies());
        assertEquals(0, day.get(1).settings().minReplica());
    }

    @Test
    void timelineCanBeFilteredByModel() {
        PolicySet set = Policies.set("name: a\nmodels: [x, y]\nwindow: {from: \"08:00\", to: \"09:00\"}\n"
                + "settings: {min_replica: 1}\n");
        List<Transition> onlyX = set.timeline(Policies.utc("2026-12-07T00:00:00Z"), Policies.utc("2026-12-08T00:00:00Z"),
                "x"::equals);
        assertEquals(2, onlyX.size());
        assertTrue(onlyX.stream().allMatch(t -> t.modelId().equals("x")));
    }

    @Test
    void desiredAllEqualsDesiredPerModel() {
        PolicySet set = Policies.set(BASE + "---\nname: office\nmodels: [m, n]\npriority: 100\n"
                + "window: {from: \"08:00\", to: \"19:00\"}\nsettings: {min_replica: 1}\n");
        Instant t = Policies.utc("2026-12-07T10:00:00Z");
        set.desiredAll(t).forEach((model, d) -> assertEquals(set.desired(model, t), d));
    }
}
