package com.scheduledscaler.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/** The policies folder of the test profile ({@code target/test-policies}), written by each test. */
public final class PolicyFolder {

    public static final Path DIR = Path.of("target/test-policies");
    private static long tick = Instant.now().toEpochMilli();

    private PolicyFolder() {}

    public static void clear() {
        try {
            if (Files.exists(DIR)) {
                try (Stream<Path> walk = Files.walk(DIR)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(DIR.resolve("calendars"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a file and gives it a modification time the catalog has not seen before. */
    public static void write(String name, String content) {
        try {
            Path file = DIR.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            Files.setLastModifiedTime(file, FileTime.fromMillis(tick += 1000));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
