package com.scheduledscaler.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/** Test fixtures: policies from YAML text, instants from local times. */
final class Policies {

    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    private Policies() {
    }

    static LoadResult load(Path dir, String yaml) {
        return new PolicyLoader(dir, NOW).parseYaml("policies/test.yaml", yaml);
    }

    static LoadResult load(String yaml) {
        return load(Path.of("."), yaml);
    }

    /** Policies that must load without errors. */
    static List<Policy> valid(Path dir, String yaml) {
        LoadResult result = load(dir, yaml);
        assertEquals(List.of(), result.errors(), "unexpected errors");
        return result.policies();
    }

    static PolicySet set(String yaml) {
        return PolicySet.of(valid(Path.of("."), yaml));
    }

    static PolicySet set(Path dir, String yaml) {
        return PolicySet.of(valid(dir, yaml));
    }

    static Instant at(String local, String zone) {
        return LocalDateTime.parse(local).atZone(ZoneId.of(zone)).toInstant();
    }

    static Instant utc(String instant) {
        return Instant.parse(instant);
    }

    static Integer min(PolicySet set, String model, Instant t) {
        return set.desired(model, t).settings().minReplica();
    }

    static Path write(Path dir, String name, String content) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
