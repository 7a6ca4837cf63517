package com.scheduledscaler.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped examples in policies/ load cleanly and behave as their descriptions say. */
class ExamplePoliciesTest {

    private static final Path FOLDER = Path.of("policies");
    private final LoadResult loaded = new PolicyLoader(FOLDER, Instant.parse("2026-12-01T00:00:00Z")).loadDirectory();
    private final PolicySet set = PolicySet.of(loaded.policies());

    @Test
    void examplesLoadWithoutErrorsOrWarnings() {
        assertEquals(List.of(), loaded.problems());
        assertEquals(6, loaded.policies().size());
    }

    @Test
    void everyExampleFileNamesTheSchema() throws Exception {
        try (var files = Files.list(FOLDER)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                assertTrue(Files.readString(f).startsWith("# yaml-language-server: $schema=./policy.schema.json"), f.toString());
            }
        }
    }

    @Test
    void businessHoursWarmOnAWorkdayAndZeroOnAHoliday() {
        assertEquals(2, Policies.min(set, "whisper-prod", Policies.at("2026-12-08T10:00", "Europe/Berlin")));
        assertEquals(0, Policies.min(set, "whisper-prod", Policies.at("2026-12-25T10:00", "Europe/Berlin")));
        assertEquals(0, Policies.min(set, "whisper-prod", Policies.at("2026-12-08T20:00", "Europe/Berlin")));
    }

    @Test
    void launchEventOutranksEverything() {
        Desired d = set.desired("llama-chat-prod", Policies.at("2026-12-11T10:00", "Europe/Berlin")); // a Friday
        assertEquals(new Settings(6, 12, 600, null, true, "A100", null, null), d.settings());
        assertEquals("winter-launch", d.policies().get(0));
    }

    @Test
    void nightlyBatchStepsUpAtTenAndDownAtSix() {
        assertEquals("A100", set.desired("embeddings-batch", Policies.utc("2026-12-08T23:00:00Z")).settings().machineType());
        assertEquals("T4", set.desired("embeddings-batch", Policies.utc("2026-12-08T07:00:00Z")).settings().machineType());
    }
}
