package com.scheduledscaler.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: timeline and evaluation agree. For random policy sets (fixed seed) over ranges around
 * DST changes, at every sampled instant between two consecutive transitions the desired settings
 * equal those of the earlier transition, and the next-transition lookups agree with the timeline.
 */
class TimelineAgreementTest {

    private static final String[] ZONES = {"UTC", "Europe/Berlin", "America/New_York", "Australia/Sydney",
        "Australia/Lord_Howe", "America/St_Johns", "Asia/Kolkata"};
    private static final String[] RANGES = {"2026-03-25T00:00:00Z", "2026-10-21T00:00:00Z", "2026-04-01T00:00:00Z",
        "2026-11-29T00:00:00Z"};
    private static final String[] DAYS = {"Mon-Fri", "Sat-Sun", "Mon,Wed,Fri", "Tue-Thu", "daily", "Fri-Mon"};
    private static final String[] MODELS = {"a", "b", "c"};

    @Test
    void desiredBetweenTransitionsEqualsTheEarlierTransition() {
        Random random = new Random(20261203L);
        for (int trial = 0; trial < 40; trial++) {
            String yaml = randomPolicies(random);
            PolicySet set = Policies.set(yaml);
            Instant from = Instant.parse(RANGES[random.nextInt(RANGES.length)]);
            Instant to = from.plus(Duration.ofDays(10));
            List<Transition> timeline = set.timeline(from, to);
            for (String model : MODELS) {
                checkModel(set, model, timeline.stream().filter(t -> t.modelId().equals(model)).toList(), from, to,
                        random, yaml);
            }
            checkGlobalNext(set, timeline, from, to, random, yaml);
        }
    }

    private static void checkModel(PolicySet set, String model, List<Transition> transitions, Instant from, Instant to,
            Random random, String yaml) {
        Settings before = set.desired(model, from.minusSeconds(1)).settings();
        for (Transition t : transitions) {
            assertNotEquals(before, t.settings(), "a transition changes settings\n" + yaml);
            assertEquals(t.settings(), set.desired(model, t.at()).settings(), yaml);
            assertEquals(before, set.desired(model, t.at().minusSeconds(1)).settings(), "just before " + t + "\n" + yaml);
            before = t.settings();
        }
        long span = Duration.between(from, to).getSeconds();
        for (int i = 0; i < 150; i++) {
            Instant t = from.plusSeconds((long) (random.nextDouble() * span));
            Settings expected = set.desired(model, from.minusSeconds(1)).settings();
            Optional<Transition> next = Optional.empty();
            for (Transition tr : transitions) {
                if (!tr.at().isAfter(t)) {
                    expected = tr.settings();
                } else {
                    next = Optional.of(tr);
                    break;
                }
            }
            assertEquals(expected, set.desired(model, t).settings(), model + " at " + t + "\n" + yaml);
            if (i % 4 != 0) {
                continue;
            }
            Optional<Transition> found = set.nextTransition(model, t);
            if (next.isPresent()) {
                assertEquals(next.get().at(), found.map(Transition::at).orElse(null), model + " after " + t + "\n" + yaml);
                assertEquals(next.get().settings(), found.get().settings());
            } else {
                assertTrue(found.isEmpty() || !found.get().at().isBefore(to), model + " after " + t + "\n" + yaml);
            }
        }
    }

    private static void checkGlobalNext(PolicySet set, List<Transition> timeline, Instant from, Instant to,
            Random random, String yaml) {
        long span = Duration.between(from, to).getSeconds();
        for (int i = 0; i < 50; i++) {
            Instant t = from.plusSeconds((long) (random.nextDouble() * span));
            Optional<Instant> expected = timeline.stream().map(Transition::at).filter(x -> x.isAfter(t)).findFirst();
            Optional<Instant> found = set.nextTransition(t);
            if (expected.isPresent()) {
                assertEquals(expected, found, "global next after " + t + "\n" + yaml);
            } else {
                assertTrue(found.isEmpty() || !found.get().isBefore(to), yaml);
            }
        }
    }

    private static String randomPolicies(Random random) {
        List<String> docs = new ArrayList<>();
        int count = 2 + random.nextInt(6);
        for (int i = 0; i < count; i++) {
            StringBuilder p = new StringBuilder();
            p.append("name: p").append(i).append('\n');
            p.append("models: [").append(MODELS[random.nextInt(MODELS.length)]);
            if (random.nextBoolean()) {
                p.append(", ").append(MODELS[random.nextInt(MODELS.length)].equals("a") ? "b" : "a");
            }
            p.append("]\n");
            p.append("timezone: ").append(ZONES[random.nextInt(ZONES.length)]).append('\n');
            p.append("priority: ").append(random.nextInt(3)).append('\n');
            int form = random.nextInt(5);
            switch (form) {
                case 0 -> p.append("always: true\n");
                case 1 -> {
                    String from = time(random);
                    String to = time(random);
                    while (to.equals(from)) {
                        to = time(random);
                    }
                    p.append("window: {days: \"").append(DAYS[random.nextInt(DAYS.length)]).append("\", from: \"")
                            .append(from).append("\", to: \"").append(to).append("\"}\n");
                }
                case 2 -> {
                    p.append("windows:\n");
                    for (int w = 0; w < 1 + random.nextInt(2); w++) {
                        String start = cron(random);
                        String end = cron(random);
                        while (end.equals(start)) {
                            end = cron(random);
                        }
                        p.append("  - {start: \"").append(start).append("\", end: \"").append(end).append("\"}\n");
                    }
                }
                case 3 -> {
                    p.append("steps:\n");
                    for (int s = 0; s < 1 + random.nextInt(3); s++) {
                        p.append("  - {at: \"").append(cron(random)).append("\", settings: {min_replica: ")
                                .append(random.nextInt(4)).append("}}\n");
                    }
                }
                default -> {
                    boolean spring = random.nextBoolean();
                    p.append("once: {from: \"2026-").append(spring ? "03" : "10").append('-')
                            .append(20 + random.nextInt(9)).append("T").append(time(random)).append("\", to: \"2026-")
                            .append(spring ? "04" : "11").append("-02T").append(time(random)).append("\"}\n");
                }
            }
            if (random.nextInt(4) == 0) {
                p.append("calendar: {except: [2026-03-29, 2026-10-25..2026-10-26, Wed]}\n");
            }
            int min = random.nextInt(4);
            p.append("settings: {min_replica: ").append(min);
            if (form != 3 && random.nextBoolean()) {
                p.append(", max_replica: ").append(min + random.nextInt(3));
            }
            if (random.nextBoolean()) {
                p.append(", scale_down_delay: ").append(60 * random.nextInt(10));
            }
            p.append("}\n");
            docs.add(p.toString());
        }
        return String.join("---\n", docs);
    }

    private static String time(Random random) {
        return String.format("%02d:%02d", random.nextInt(24), 15 * random.nextInt(4));
    }

    private static String cron(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> (15 * random.nextInt(4)) + " * * * *";
            case 1 -> (15 * random.nextInt(4)) + " " + random.nextInt(24) + " * * *";
            case 2 -> "*/20 " + random.nextInt(12) + "-" + (12 + random.nextInt(12)) + " * * *";
            default -> (15 * random.nextInt(4)) + " " + random.nextInt(24) + " * * MON-FRI";
        };
    }
}
