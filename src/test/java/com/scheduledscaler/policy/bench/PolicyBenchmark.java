package com.scheduledscaler.policy.bench;

import com.scheduledscaler.policy.Desired;
import com.scheduledscaler.policy.LoadResult;
import com.scheduledscaler.policy.PolicyLoader;
import com.scheduledscaler.policy.PolicySet;
import com.scheduledscaler.policy.Transition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The performance targets of issue 3, measured on generated input: 10,000 models, 30,000 policies
 * of mixed forms in 20 time zones with holiday calendars. Not a unit test; run it with the command
 * in bench/README.md (with -Xmx512m, so that finishing at all shows the heap target).
 */
public final class PolicyBenchmark {

    static final int MODELS = 10_000;
    static final int POLICIES_PER_FILE = 300;
    static final String[] ZONES = {"UTC", "Europe/Berlin", "Europe/London", "Europe/Paris", "Europe/Madrid",
        "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Sao_Paulo",
        "America/St_Johns", "Asia/Kolkata", "Asia/Tokyo", "Asia/Singapore", "Asia/Dubai", "Australia/Sydney",
        "Australia/Lord_Howe", "Pacific/Auckland", "Africa/Johannesburg", "Asia/Kathmandu"};
    static final Instant NOW = Instant.parse("2026-12-03T09:00:00Z");

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("policy-bench");
        long policies = generate(dir);
        System.out.printf("input: %d models, %d policies, %d zones, %d holiday calendars in %s%n", MODELS, policies,
                ZONES.length, ZONES.length, dir);

        System.out.printf("machine: %d cores, load average %.2f%n", Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        cpuMark = THREADS.getCurrentThreadCpuTime();
        processCpuMark = OS.getProcessCpuTime();
        long t0 = System.nanoTime();
        LoadResult loaded = new PolicyLoader(dir, NOW).loadDirectory();
        long parse = System.nanoTime() - t0;
        if (loaded.hasErrors()) {
            throw new IllegalStateException("generated input has errors: " + loaded.errors().subList(0, 3));
        }
        report("parse + validate, first load in a fresh JVM (" + loaded.policies().size() + " policies, "
                + loaded.warnings().size() + " warnings)", parse, 3000);
        t0 = System.nanoTime();
        LoadResult reloaded = new PolicyLoader(dir, NOW).loadDirectory();
        report("parse + validate again with a new loader (JIT warm, as a reload)", System.nanoTime() - t0, 3000);
        if (reloaded.policies().size() != loaded.policies().size()) {
            throw new IllegalStateException("reload differs");
        }
        t0 = System.nanoTime();
        PolicySet set = PolicySet.of(loaded.policies());
        long compile = System.nanoTime() - t0;
        report("compile PolicySet", compile, -1);

        t0 = System.nanoTime();
        Map<String, Desired> all = set.desiredAll(NOW);
        report("desiredAll, first call (computes this week's activations)", System.nanoTime() - t0, -1);
        long[] warm = new long[20];
        for (int i = 0; i < warm.length; i++) {
            Instant t = NOW.plusSeconds(977L * i);
            long s = System.nanoTime();
            all = set.desiredAll(t);
            warm[i] = System.nanoTime() - s;
        }
        report("desiredAll of " + all.size() + " models, warm (median of 20)", median(warm), 50);

        List<String> models = new ArrayList<>(set.models());
        Random random = new Random(7);
        long[] next = new long[2000];
        for (int i = 0; i < next.length; i++) {
            String model = models.get(random.nextInt(models.size()));
            Instant after = NOW.plusSeconds(random.nextInt(3 * 86_400));
            long s = System.nanoTime();
            Optional<Transition> tr = set.nextTransition(model, after);
            next[i] = System.nanoTime() - s;
            if (tr.isEmpty()) {
                throw new IllegalStateException("no transition for " + model);
            }
        }
        report("nextTransition(model, t) (median of 2000 random)", median(next), 1);
        report("nextTransition(model, t) (p99 of 2000 random)", percentile(next, 0.99), 1);

        t0 = System.nanoTime();
        Optional<Instant> first = set.nextTransition(NOW);
        report("nextTransition(t) all models, first call (builds the week's transition index)",
                System.nanoTime() - t0, -1);
        long[] global = new long[2000];
        for (int i = 0; i < global.length; i++) {
            Instant after = NOW.plusSeconds(random.nextInt(3 * 86_400));
            long s = System.nanoTime();
            set.nextTransition(after);
            global[i] = System.nanoTime() - s;
        }
        report("nextTransition(t) all models, warm (median of 2000) -> first " + first.orElse(null),
                median(global), 1);

        t0 = System.nanoTime();
        PolicySet paused = set.without("model-42-office");
        report("without(policy): pause one policy (rebuild, memoized activations kept)", System.nanoTime() - t0, -1);
        t0 = System.nanoTime();
        paused.desiredAll(NOW);
        report("desiredAll on the rebuilt set", System.nanoTime() - t0, 50);

        PolicySet fresh = PolicySet.of(loaded.policies());
        Instant from = Instant.parse("2026-12-07T00:00:00Z");
        t0 = System.nanoTime();
        List<Transition> week = fresh.timeline(from, from.plus(Duration.ofDays(7)));
        report("7-day timeline of all models, cold (" + week.size() + " transitions)", System.nanoTime() - t0, 2000);
        t0 = System.nanoTime();
        week = fresh.timeline(from, from.plus(Duration.ofDays(7)));
        report("7-day timeline of all models, warm", System.nanoTime() - t0, 2000);

        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        System.out.printf("%-75s %8.1f MB  (target < 512 MB, max heap %d MB)%n",
                "heap used after GC (policies, both sets and their caches live)", used / 1e6, rt.maxMemory() >> 20);
        if (set.models().isEmpty() || fresh.models().isEmpty() || loaded.policies().isEmpty()) {
            throw new IllegalStateException();
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private static long cpuMark = THREADS.getCurrentThreadCpuTime();
    private static long processCpuMark = OS.getProcessCpuTime();

    /** Wall time, plus this thread's CPU time since the previous report (shows a busy machine). */
    private static void report(String what, long nanos, long targetMillis) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        String target = targetMillis < 0 ? "" : "  (target < " + targetMillis + " ms)";
        long processCpu = OS.getProcessCpuTime();
        System.out.printf("%-75s %10.3f ms%s   [CPU since last line: main thread %.0f ms, process %.0f ms]%n", what,
                nanos / 1e6, target, (cpu - cpuMark) / 1e6, (processCpu - processCpuMark) / 1e6);
        cpuMark = cpu;
        processCpuMark = processCpu;
    }

    private static long median(long[] values) {
        return percentile(values, 0.5);
    }

    private static long percentile(long[] values, double p) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy[(int) Math.min(copy.length - 1, Math.floor(p * copy.length))];
    }

    /** Writes the YAML files and holiday calendars; returns the number of policies. */
    static long generate(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("calendars"));
        for (int z = 0; z < ZONES.length; z++) {
            Files.writeString(dir.resolve("calendars/holidays-" + z + ".ics"), holidays(z));
        }
        Random random = new Random(42);
        StringBuilder file = new StringBuilder();
        int inFile = 0;
        int fileIndex = 0;
        long count = 0;
        for (int m = 0; m < MODELS; m++) {
            int z = random.nextInt(ZONES.length);
            List<String> docs = policiesFor(m, z, random);
            for (String doc : docs) {
                if (inFile > 0) {
                    file.append("---\n");
                }
                file.append(doc);
                inFile++;
                count++;
                if (inFile == POLICIES_PER_FILE) {
                    Files.writeString(dir.resolve(String.format("policies-%03d.yaml", fileIndex++)), file.toString());
                    file.setLength(0);
                    inFile = 0;
                }
            }
        }
        if (inFile > 0) {
            Files.writeString(dir.resolve(String.format("policies-%03d.yaml", fileIndex)), file.toString());
        }
        return count;
    }

    private static List<String> policiesFor(int m, int z, Random random) {
        String model = "model-" + m;
        String head = "models: [" + model + "]\ntimezone: " + ZONES[z] + "\n";
        String holidays = "calendars/holidays-" + z + ".ics";
        List<String> docs = new ArrayList<>();
        docs.add("name: " + model + "-baseline\n" + head
                + "always: true\nsettings: {min_replica: 0, max_replica: 2, scale_down_delay: 300}\n");
        int startHour = 6 + random.nextInt(4);
        docs.add("name: " + model + "-office\n" + head + "priority: 100\nwindow: {days: Mon-Fri, from: \""
                + String.format("%02d:%02d", startHour, 15 * random.nextInt(4)) + "\", to: \"" + (17 + random.nextInt(4))
                + ":00\"}\ncalendar: {except: [" + holidays + ", 2026-12-24..2026-12-31]}\n"
                + "settings: {min_replica: 2, max_replica: 8}\n");
        switch (m % 4) {
            case 0 -> docs.add("name: " + model + "-weekend\n" + head + "priority: 200\nalways: true\n"
                    + "calendar: {only: [Sat-Sun, " + holidays + "]}\nsettings: {min_replica: 0, max_replica: 1}\n");
            case 1 -> docs.add("name: " + model + "-nightly\n" + head + "priority: 150\nsteps:\n"
                    + "  - {at: \"0 " + (20 + random.nextInt(4)) + " * * *\", settings: {min_replica: 4, machine_type: A100}}\n"
                    + "  - {at: \"30 5 * * *\", settings: {min_replica: 0, machine_type: T4}}\n");
            case 2 -> docs.add("name: " + model + "-reports\n" + head + "priority: 120\nwindows:\n"
                    + "  - {start: \"0 " + random.nextInt(6) + " * * MON\", end: \"0 12 * * MON\"}\n"
                    + "  - {start: \"0 0 9 L * ?\", end: \"0 0 18 L * ?\"}\n"
                    + "settings: {min_replica: 3, container_concurrency: 4}\n");
            default -> docs.add("name: " + model + "-launch\n" + head + "priority: 300\n"
                    + "once: {from: \"2026-12-" + (10 + random.nextInt(4)) + "T09:00\", to: \"2026-12-14T18:00\"}\n"
                    + "valid: {from: 2026-12-01, until: 2026-12-31}\nsettings: {min_replica: 6, max_replica: 12}\n");
        }
        return docs;
    }

    private static String holidays(int z) {
        StringBuilder ics = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//holidays//EN\r\n");
        int[][] fixed = {{1, 1}, {5, 1}, {10, 3}, {12, 25}, {12, 26}};
        for (int[] md : fixed) {
            ics.append(String.format("BEGIN:VEVENT\r\nUID:fixed-%d-%02d%02d@bench\r\nDTSTAMP:20260101T000000Z\r\n"
                    + "DTSTART;VALUE=DATE:2020%02d%02d\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:Holiday\r\nEND:VEVENT\r\n",
                    z, md[0], md[1], md[0], md[1]));
        }
        for (int year = 2026; year <= 2027; year++) {
            for (int k = 0; k < 6; k++) {
                int month = 1 + (z + k * 2) % 12;
                int day = 1 + (z * 3 + k * 5) % 28;
                String start = String.format("%d%02d%02d", year, month, day);
                String end = k % 2 == 0 ? "" : String.format("DTEND;VALUE=DATE:%d%02d%02d\r\n", year, month, day + 1);
                ics.append("BEGIN:VEVENT\r\nUID:").append(start).append('-').append(z).append("@bench\r\n")
                        .append("DTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:").append(start).append("\r\n")
                        .append(end).append("SUMMARY:Regional holiday\r\nEND:VEVENT\r\n");
            }
        }
        return ics.append("END:VCALENDAR\r\n").toString();
    }
}
