package com.scheduledscaler.catalog;

import com.scheduledscaler.config.ScalerConfig;
import com.scheduledscaler.policy.LoadResult;
import com.scheduledscaler.policy.Policy;
import com.scheduledscaler.policy.PolicyLoader;
import com.scheduledscaler.policy.PolicySet;
import com.scheduledscaler.policy.Problem;
import com.scheduledscaler.policy.SettingsOverride;
import io.quarkus.logging.Log;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The policies in force: those of the policy files (each file whole, at its last good version) and
 * those created through the admin API, less the paused ones, plus the overrides. {@link #refresh()}
 * re-reads what changed; {@link #current()} is an immutable snapshot, safe to use from any thread.
 */
@Singleton
public class PolicyCatalog {

    /** Everything the reconciler and the API need to know about the policies at one moment. */
    public record Snapshot(PolicySet policySet, List<Policy> policies, Set<String> paused, List<Problem> problems,
            Set<String> filesInError) {

        static final Snapshot EMPTY = new Snapshot(PolicySet.of(List.of()), List.of(), Set.of(), List.of(), Set.of());
    }

    private record FileState(String fingerprint, List<Policy> lastGood, List<Problem> problems) {}

    private record Inputs(Map<Path, String> files, List<ApiPolicy> apiPolicies, Set<String> paused,
            List<SettingsOverride> overrides) {}

    private final Path dir;
    private final ControlStore controls;
    private final Clock clock;
    private final Map<Path, FileState> files = new TreeMap<>();
    private PolicyLoader loader;
    private Inputs lastInputs;
    private volatile Snapshot snapshot = Snapshot.EMPTY;

    PolicyCatalog(ScalerConfig config, ControlStore controls, Clock clock) {
        this.dir = Path.of(config.policiesDir());
        this.controls = controls;
        this.clock = clock;
    }

    public Snapshot current() {
        return snapshot;
    }

    /** Checks one policy body as the admin API receives it, with calendars read from the policies folder. */
    public synchronized LoadResult parseApiPolicy(String name, String json) {
        if (loader == null) {
            loader = new PolicyLoader(dir, clock.instant());
        }
        return loader.parseJson("api:" + name, json);
    }

    /** Re-reads the policy files and the database; true when what is in force changed. */
    public synchronized boolean refresh() {
        Inputs inputs = new Inputs(scan(), controls.apiPolicies(), controls.paused(), controls.overrides());
        if (inputs.equals(lastInputs)) {
            return false;
        }
        reloadFiles(inputs.files());
        lastInputs = inputs;
        snapshot = build(inputs);
        return true;
    }

    private void reloadFiles(Map<Path, String> fingerprints) {
        boolean calendarsChanged = loader == null || fingerprints.entrySet().stream()
                .filter(e -> e.getKey().toString().endsWith(".ics"))
                .anyMatch(e -> lastInputs == null || !e.getValue().equals(lastInputs.files().get(e.getKey())))
                || (lastInputs != null && lastInputs.files().keySet().stream()
                        .anyMatch(p -> p.toString().endsWith(".ics") && !fingerprints.containsKey(p)));
        if (calendarsChanged) {
            loader = new PolicyLoader(dir, clock.instant());
        }
        files.keySet().removeIf(path -> !fingerprints.containsKey(path));
        fingerprints.forEach((path, fingerprint) -> {
            if (!isPolicyFile(path)) {
                return;
            }
            FileState previous = files.get(path);
            if (previous != null && previous.fingerprint().equals(fingerprint) && !calendarsChanged) {
                return;
            }
            LoadResult result = loader.loadFile(path);
            if (result.hasErrors()) {
                List<Policy> kept = previous == null ? List.of() : previous.lastGood();
                result.errors().forEach(problem -> Log.errorf("Policy file error (%s): %s", keptNote(kept), problem.message()));
                files.put(path, new FileState(fingerprint, kept, result.problems()));
            } else {
                result.warnings().forEach(problem -> Log.warnf("Policy warning: %s", problem.message()));
                Log.infof("Loaded %d policies from %s", result.policies().size(), path);
                files.put(path, new FileState(fingerprint, result.policies(), result.problems()));
            }
        });
    }

    private static String keptNote(List<Policy> kept) {
        return kept.isEmpty() ? "nothing from this file is applied" : "its last good version stays in force";
    }

    private Snapshot build(Inputs inputs) {
        List<LoadResult> results = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Set<String> filesInError = new java.util.TreeSet<>();
        files.forEach((path, state) -> {
            results.add(new LoadResult(state.lastGood(), List.of()));
            problems.addAll(state.problems());
            if (state.problems().stream().anyMatch(Problem::isError)) {
                filesInError.add(path.toString());
            }
        });
        for (ApiPolicy api : inputs.apiPolicies()) {
            LoadResult parsed = loader.parseJson("api:" + api.name(), api.body());
            results.add(new LoadResult(parsed.hasErrors() ? List.of() : parsed.policies(), List.of()));
            problems.addAll(parsed.problems());
        }
        LoadResult combined = PolicyLoader.combine(results);
        problems.addAll(combined.problems());
        List<Policy> policies = combined.policies().stream()
                .map(p -> inputs.paused().contains(p.name()) ? p.withEnabled(false) : p)
                .toList();
        return new Snapshot(PolicySet.of(policies, inputs.overrides()), policies, inputs.paused(),
                List.copyOf(problems), filesInError);
    }

    /** Policy YAML files directly in the folder and every .ics under it, with size and modification time. */
    private Map<Path, String> scan() {
        Map<Path, String> found = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (Stream<Path> walk = Files.walk(dir, 3)) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> (isPolicyFile(p) && p.getParent().equals(dir)) || p.toString().endsWith(".ics"))
                    .forEach(p -> found.put(p, fingerprint(p)));
        } catch (IOException | UncheckedIOException e) {
            Log.errorf("Cannot list the policies folder %s: %s", dir, e.getMessage());
        }
        return found;
    }

    private static boolean isPolicyFile(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private static String fingerprint(Path path) {
        try {
            return Files.size(path) + "@" + Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            return "unreadable";
        }
    }
}
