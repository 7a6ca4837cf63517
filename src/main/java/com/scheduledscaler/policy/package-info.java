/**
 * The policy engine: plain Java, no Quarkus, no CDI, no logging, no I/O during evaluation.
 *
 * <h2>Public API</h2>
 * <ul>
 *   <li>{@link com.scheduledscaler.policy.PolicyLoader} {@code new PolicyLoader(Path baseDir, Instant now)}:
 *       {@code loadDirectory()}, {@code loadFiles(List<Path>)}, {@code loadFile(Path)},
 *       {@code parseYaml(String source, String text)}, {@code parseJson(String source, String json)} and
 *       {@code static combine(List<LoadResult>)}. Each returns a {@link com.scheduledscaler.policy.LoadResult}:
 *       the valid {@link com.scheduledscaler.policy.Policy policies} plus every
 *       {@link com.scheduledscaler.policy.Problem} (error or warning, with file, line, policy, field, reason;
 *       {@code Problem.message()} renders them). One bad policy never stops the others. {@code now} is only
 *       used for "stale calendar" and "cron never fires" checks. Keep one loader for reloads: it memoizes
 *       .ics files and cron expressions.</li>
 *   <li>{@link com.scheduledscaler.policy.PolicySet} {@code PolicySet.of(Collection<Policy>,
 *       Collection<SettingsOverride>)}: immutable, thread-safe, compiled; disabled policies are left out.
 *       {@code desired(modelId, Instant)} and {@code desiredAll(Instant)} give
 *       {@link com.scheduledscaler.policy.Desired} (settings, contributing policies, override flag,
 *       warnings); {@code nextTransition(modelId, Instant after)} gives the model's next
 *       {@link com.scheduledscaler.policy.Transition}; {@code nextTransition(Instant after)} the earliest
 *       instant any model changes; {@code timeline(from, to)} / {@code timeline(from, to, Predicate<String>
 *       models)} every transition in [from, to). {@code without(policyName)} (pause) and
 *       {@code withOverrides(...)} rebuild cheaply, keeping memoized activations.</li>
 *   <li>{@link com.scheduledscaler.policy.SettingsOverride} {@code (modelId, settings, until, reason)}: pins
 *       fields above every policy until {@code until} (exclusive). (Not named {@code Override}: that
 *       would shadow {@code java.lang.Override} in this package.)</li>
 *   <li>{@link com.scheduledscaler.policy.Settings}: the eight API fields; {@code null} = not set.</li>
 * </ul>
 *
 * <h2>Semantics (DESIGN.md section 4)</h2>
 * Level, not edge: desired settings are a pure function of (policies, overrides, t). Cron expressions
 * are evaluated on the local wall clock ({@link com.scheduledscaler.policy.LocalCron}) and mapped to
 * instants by {@code WallClock}: a time in a spring-forward gap fires once, shifted by the gap; a time
 * the fall-back repeats fires once at the earlier instant, except crons whose hour field matches every
 * hour, which fire at every real matching instant. Windows' ends follow the same mapping. Steps look
 * back up to a year for their latest fire. A transition is an instant where the merged settings change.
 *
 * <h2>Known limits</h2>
 * Activations are computed per UTC week on first use and memoized; look-back and look-ahead are
 * capped at about a year (a steps policy whose last fire is older is inactive; a window with no end
 * fire within a year stays open). ICS recurrences are expanded from a year before to six years after
 * the loader's {@code now}.
 */
package com.scheduledscaler.policy;
