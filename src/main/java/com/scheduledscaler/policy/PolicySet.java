package com.scheduledscaler.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * An immutable, compiled set of enabled policies plus overrides. Every answer is a pure function of
 * (policies, overrides, instant); per-policy activations and cross-model transitions are memoized
 * per week, so repeated questions about the same weeks are cheap. Thread-safe; questions about all
 * models ({@code desiredAll}, {@code timeline}, the global next transition) use the common fork-join
 * pool to spread models over the cores.
 */
public final class PolicySet {

    private static final long WEEK = ActivationSchedule.WEEK;
    private static final int HORIZON_WEEKS = 53;

    private final Map<String, ActivationSchedule> schedules;
    private final Map<String, ActivationSchedule[]> byModel;
    private final String[] modelIds;
    private final ActivationSchedule[][] modelPolicies;
    private final Map<String, List<SettingsOverride>> overrides;
    private final ConcurrentHashMap<Long, long[]> transitionWeeks = new ConcurrentHashMap<>();

    private PolicySet(Map<String, ActivationSchedule> schedules, Collection<SettingsOverride> overrides) {
        this.schedules = schedules;
        Map<String, List<ActivationSchedule>> index = new HashMap<>();
        for (ActivationSchedule s : schedules.values()) {
            for (String model : s.policy().models()) {
                index.computeIfAbsent(model, m -> new ArrayList<>()).add(s);
            }
        }
        Map<String, List<SettingsOverride>> pinned = new HashMap<>();
        List<SettingsOverride> ordered = new ArrayList<>(overrides);
        for (int i = ordered.size() - 1; i >= 0; i--) {
            SettingsOverride o = ordered.get(i);
            pinned.computeIfAbsent(o.modelId(), m -> new ArrayList<>()).add(o);
            index.computeIfAbsent(o.modelId(), m -> new ArrayList<>());
        }
        Map<String, ActivationSchedule[]> models = new LinkedHashMap<>();
        index.keySet().stream().sorted().forEach(m -> models.put(m, index.get(m).toArray(new ActivationSchedule[0])));
        this.byModel = models;
        this.modelIds = models.keySet().toArray(new String[0]);
        this.modelPolicies = models.values().toArray(new ActivationSchedule[0][]);
        this.overrides = pinned;
    }

    /**
     * Compiles valid policies (disabled ones are left out) and overrides; a later override for the
     * same model sits above an earlier one.
     *
     * @throws IllegalArgumentException when two policies share a name
     */
    public static PolicySet of(Collection<Policy> policies, Collection<SettingsOverride> overrides) {
        Map<String, ActivationSchedule> schedules = new LinkedHashMap<>();
        for (Policy p : policies) {
            if (!p.enabled()) {
                continue;
            }
            if (schedules.put(p.name(), new ActivationSchedule(p)) != null) {
                throw new IllegalArgumentException("duplicate policy name '" + p.name() + "'");
            }
        }
        return new PolicySet(schedules, overrides);
    }

    public static PolicySet of(Collection<Policy> policies) {
        return of(policies, List.of());
    }

    /** This set without the named policy (paused); memoized activations of the others are kept. */
    public PolicySet without(String policyName) {
        Map<String, ActivationSchedule> kept = new LinkedHashMap<>(schedules);
        kept.remove(policyName);
        return new PolicySet(kept, allOverrides());
    }

    /** This set with other overrides; memoized activations are kept. */
    public PolicySet withOverrides(Collection<SettingsOverride> newOverrides) {
        return new PolicySet(schedules, newOverrides);
    }

    public List<Policy> policies() {
        return schedules.values().stream().map(ActivationSchedule::policy).toList();
    }

    /** Every model some policy or override names, sorted. */
    public Set<String> models() {
        return byModel.keySet();
    }

    /** The model's desired settings at {@code at}: level-triggered, independent of any history. */
    public Desired desired(String modelId, Instant at) {
        ActivationSchedule[] policies = byModel.getOrDefault(modelId, new ActivationSchedule[0]);
        return desiredAt(modelId, policies, at.getEpochSecond(), at);
    }

    /** Desired settings of every model at {@code at}, by model id (sorted). */
    public Map<String, Desired> desiredAll(Instant at) {
        long t = at.getEpochSecond();
        Desired[] desired = new Desired[modelIds.length];
        IntStream.range(0, modelIds.length).parallel()
                .forEach(i -> desired[i] = desiredAt(modelIds[i], modelPolicies[i], t, at));
        Map<String, Desired> all = new LinkedHashMap<>(modelIds.length * 2);
        for (Desired d : desired) {
            all.put(d.modelId(), d);
        }
        return all;
    }

    /** The first transition of one model strictly after {@code after}, looking up to a year ahead. */
    public Optional<Transition> nextTransition(String modelId, Instant after) {
        ActivationSchedule[] policies = byModel.get(modelId);
        if (policies == null) {
            return Optional.empty();
        }
        long t = after.getEpochSecond();
        Desired current = desiredAt(modelId, policies, t, after);
        long from = t + 1;
        for (int k = 0; k < HORIZON_WEEKS; k++) {
            long to = (Math.floorDiv(from, WEEK) + 1) * WEEK;
            for (long b : boundaries(modelId, policies, from, to)) {
                Desired next = desiredAt(modelId, policies, b, Instant.ofEpochSecond(b));
                if (!next.settings().equals(current.settings())) {
                    return Optional.of(Transition.of(current, next));
                }
                current = next;
            }
            from = to;
        }
        return Optional.empty();
    }

    /** The first instant strictly after {@code after} at which any model's desired settings change. */
    public Optional<Instant> nextTransition(Instant after) {
        long t = after.getEpochSecond();
        for (long k = Math.floorDiv(t, WEEK); k < Math.floorDiv(t, WEEK) + HORIZON_WEEKS; k++) {
            long[] instants = transitionWeek(k);
            int i = java.util.Arrays.binarySearch(instants, t + 1);
            int at = i >= 0 ? i : -i - 1;
            if (at < instants.length) {
                return Optional.of(Instant.ofEpochSecond(instants[at]));
            }
        }
        return Optional.empty();
    }

    /** Every transition of every model in [from, to), ordered by instant then model. */
    public List<Transition> timeline(Instant from, Instant to) {
        return timeline(from, to, m -> true);
    }

    /** Every transition in [from, to) of the models {@code models} accepts, ordered by instant then model. */
    public List<Transition> timeline(Instant from, Instant to, Predicate<String> models) {
        long a = from.getEpochSecond() + (from.getNano() > 0 ? 1 : 0);
        long b = to.getEpochSecond() + (to.getNano() > 0 ? 1 : 0);
        List<Transition> out = IntStream.range(0, modelIds.length).parallel()
                .filter(i -> models.test(modelIds[i]))
                .mapToObj(i -> {
                    List<Transition> own = new ArrayList<>();
                    modelTimeline(modelIds[i], modelPolicies[i], a, b, own);
                    return own;
                })
                .flatMap(List::stream)
                .collect(Collectors.toCollection(ArrayList::new));
        out.sort(Comparator.comparing(Transition::at).thenComparing(Transition::modelId));
        return out;
    }

    /** Every transition of one model in [from, to), in order; as cheap as that model's own policies. */
    public List<Transition> timeline(String modelId, Instant from, Instant to) {
        ActivationSchedule[] policies = byModel.get(modelId);
        if (policies == null) {
            return List.of();
        }
        List<Transition> out = new ArrayList<>();
        modelTimeline(modelId, policies, from.getEpochSecond() + (from.getNano() > 0 ? 1 : 0),
                to.getEpochSecond() + (to.getNano() > 0 ? 1 : 0), out);
        return out;
    }

    private void modelTimeline(String model, ActivationSchedule[] policies, long a, long b, List<Transition> out) {
        Desired previous = desiredAt(model, policies, a - 1, Instant.ofEpochSecond(a - 1));
        for (long t : boundaries(model, policies, a, b)) {
            Desired next = desiredAt(model, policies, t, Instant.ofEpochSecond(t));
            if (!next.settings().equals(previous.settings())) {
                out.add(Transition.of(previous, next));
            }
            previous = next;
        }
    }

    private long[] transitionWeek(long k) {
        long[] cached = transitionWeeks.get(k);
        if (cached != null) {
            return cached;
        }
        long a = k * WEEK;
        long b = a + WEEK;
        long[] computed = IntStream.range(0, modelIds.length).parallel()
                .mapToObj(i -> {
                    List<Transition> own = new ArrayList<>();
                    modelTimeline(modelIds[i], modelPolicies[i], a, b, own);
                    return own;
                })
                .flatMap(List::stream)
                .mapToLong(tr -> tr.at().getEpochSecond())
                .sorted().distinct().toArray();
        long[] raced = transitionWeeks.putIfAbsent(k, computed);
        return raced != null ? raced : computed;
    }

    /** Sorted distinct candidate instants in [from, to): activation edges and override expiries. */
    private long[] boundaries(String model, ActivationSchedule[] policies, long from, long to) {
        LocalCron.LongList sink = new LocalCron.LongList();
        sink.add(from);
        for (ActivationSchedule s : policies) {
            s.boundaries(from, to, sink);
        }
        for (SettingsOverride o : overrides.getOrDefault(model, List.of())) {
            long until = o.until().getEpochSecond() + (o.until().getNano() > 0 ? 1 : 0);
            if (until >= from && until < to) {
                sink.add(until);
            }
        }
        long[] all = sink.toArray();
        java.util.Arrays.sort(all);
        int n = 0;
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || all[i] != all[n - 1]) {
                all[n++] = all[i];
            }
        }
        return java.util.Arrays.copyOf(all, n);
    }

    private Desired desiredAt(String model, ActivationSchedule[] policies, long t, Instant at) {
        List<SettingsMerge.Candidate> candidates = new ArrayList<>(policies.length);
        for (ActivationSchedule s : policies) {
            Activation a = s.at(t);
            if (a != null) {
                Policy p = s.policy();
                candidates.add(new SettingsMerge.Candidate(p.name(), p.priority(), a.since(), a.settings()));
            }
        }
        List<SettingsOverride> pinned = overrides.get(model);
        List<SettingsOverride> active = List.of();
        if (pinned != null) {
            active = new ArrayList<>(pinned.size());
            for (SettingsOverride o : pinned) {
                if (o.activeAt(at)) {
                    active.add(o);
                }
            }
        }
        return SettingsMerge.merge(model, at, active, candidates);
    }

    private List<SettingsOverride> allOverrides() {
        List<SettingsOverride> all = new ArrayList<>();
        overrides.values().forEach(list -> {
            List<SettingsOverride> copy = new ArrayList<>(list);
            java.util.Collections.reverse(copy);
            all.addAll(copy);
        });
        return all;
    }
}
