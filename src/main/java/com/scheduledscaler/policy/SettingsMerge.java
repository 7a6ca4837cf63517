package com.scheduledscaler.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The merge of DESIGN.md section 4 as one pure function: overrides first, then active policies by
 * priority (higher first), then by activation start (later first), then by name; each field from
 * the first that sets it; finally the min &le; max rule.
 */
final class SettingsMerge {

    /** An active policy at the instant being evaluated. */
    record Candidate(String name, int priority, long since, Settings settings) {
    }

    static final Comparator<Candidate> RANK = (a, b) -> {
        if (a.priority != b.priority) {
            return a.priority > b.priority ? -1 : 1;
        }
        if (a.since != b.since) {
            return a.since > b.since ? -1 : 1;
        }
        return a.name.compareTo(b.name);
    };

    private SettingsMerge() {
    }

    /**
     * @param overrides  active overrides, highest first
     * @param candidates active policies, in any order (sorted here)
     */
    static Desired merge(String modelId, Instant at, List<SettingsOverride> overrides, List<Candidate> candidates) {
        if (candidates.size() > 1) {
            candidates.sort(RANK);
        }
        int layers = overrides.size() + candidates.size();
        Settings[] settings = new Settings[layers];
        String[] names = new String[layers];
        int i = 0;
        for (SettingsOverride o : overrides) {
            settings[i] = o.settings();
            names[i++] = null;
        }
        for (Candidate c : candidates) {
            settings[i] = c.settings();
            names[i++] = c.name();
        }
        int minFrom = -1;
        int maxFrom = -1;
        boolean[] contributed = new boolean[layers];
        Integer min = null;
        Integer max = null;
        Integer scaleDownDelay = null;
        Integer inferenceTime = null;
        Boolean dedicated = null;
        String machineType = null;
        Integer concurrency = null;
        Boolean io = null;
        for (int k = 0; k < layers; k++) {
            Settings s = settings[k];
            if (min == null && s.minReplica() != null) {
                min = s.minReplica();
                minFrom = k;
            }
            if (max == null && s.maxReplica() != null) {
                max = s.maxReplica();
                maxFrom = k;
            }
            scaleDownDelay = take(s.scaleDownDelay(), scaleDownDelay, contributed, k);
            inferenceTime = take(s.inferenceTime(), inferenceTime, contributed, k);
            dedicated = take(s.isDedicated(), dedicated, contributed, k);
            machineType = take(s.machineType(), machineType, contributed, k);
            concurrency = take(s.containerConcurrency(), concurrency, contributed, k);
            io = take(s.isInputOutputEnabled(), io, contributed, k);
        }
        List<String> warnings = List.of();
        if (min != null && max != null && min > max) {
            String minName = source(names, minFrom);
            String maxName = source(names, maxFrom);
            if (minFrom < maxFrom) {
                warnings = List.of("min_replica " + min + " from " + minName + " exceeds max_replica " + max
                        + " from " + maxName + "; max_replica clamped to " + min);
                max = min;
            } else {
                warnings = List.of("min_replica " + min + " from " + minName + " exceeds max_replica " + max
                        + " from " + maxName + "; min_replica clamped to " + max);
                min = max;
            }
        }
        if (minFrom >= 0) {
            contributed[minFrom] = true;
        }
        if (maxFrom >= 0) {
            contributed[maxFrom] = true;
        }
        boolean overridden = false;
        List<String> policies = new ArrayList<>(2);
        for (int k = 0; k < layers; k++) {
            if (contributed[k]) {
                if (names[k] == null) {
                    overridden = true;
                } else {
                    policies.add(names[k]);
                }
            }
        }
        Settings merged = new Settings(min, max, scaleDownDelay, inferenceTime, dedicated, machineType, concurrency,
                io);
        return new Desired(modelId, at, merged, policies, overridden, warnings);
    }

    private static <T> T take(T value, T current, boolean[] contributed, int k) {
        if (current != null || value == null) {
            return current;
        }
        contributed[k] = true;
        return value;
    }

    private static String source(String[] names, int k) {
        return names[k] == null ? "an override" : "policy '" + names[k] + "'";
    }
}
