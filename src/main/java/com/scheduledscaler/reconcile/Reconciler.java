package com.scheduledscaler.reconcile;

import com.scheduledscaler.audit.AppliedSettings;
import com.scheduledscaler.audit.AuditLog;
import com.scheduledscaler.audit.Intent;
import com.scheduledscaler.audit.Outcome;
import com.scheduledscaler.audit.Result;
import com.scheduledscaler.audit.Trigger;
import com.scheduledscaler.catalog.ControlStore;
import com.scheduledscaler.catalog.Freeze;
import com.scheduledscaler.catalog.PolicyCatalog;
import com.scheduledscaler.config.ScalerConfig;
import com.scheduledscaler.inferless.CredentialsStatus;
import com.scheduledscaler.inferless.DryRunMode;
import com.scheduledscaler.policy.Desired;
import com.scheduledscaler.policy.PolicySet;
import com.scheduledscaler.policy.Settings;
import com.scheduledscaler.policy.Transition;
import io.quarkus.logging.Log;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Compares every model's desired settings now with what is applied, and hands each difference to the
 * {@link Applier} on a bounded pool: a slow or failing model never holds the others up. A model whose
 * change failed is retried with capped backoff until it succeeds or its desired settings change;
 * while Inferless rejects the key, one probe per backoff period is all that is sent.
 */
@Singleton
public class Reconciler {

    static final String SCHEDULER = "scheduler";
    private static final Duration LOOK_BACK_SHORT = Duration.ofHours(1);
    private static final Duration LOOK_BACK_LONG = Duration.ofDays(8);

    private final PolicyCatalog catalog;
    private final ControlStore controls;
    private final AuditLog audit;
    private final Applier applier;
    private final DryRunMode dryRun;
    private final CredentialsStatus credentials;
    private final ScalerMetrics metrics;
    private final Clock clock;
    private final ModelBackoff backoff;
    private final ExecutorService workers;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<CompletableFuture<?>> running = ConcurrentHashMap.newKeySet();
    private final Map<String, Settings> skippedWhileFrozen = new ConcurrentHashMap<>();
    private final Map<String, Cause> skippedInFlight = new ConcurrentHashMap<>();
    private volatile boolean closing;
    private final CompletableFuture<Void> shutdownBegun = new CompletableFuture<>();
    private int keyProbes;
    private Instant nextKeyProbe = Instant.MIN;

    Reconciler(PolicyCatalog catalog, ControlStore controls, AuditLog audit, Applier applier, DryRunMode dryRun,
            CredentialsStatus credentials, ScalerMetrics metrics, Clock clock, ScalerConfig config) {
        this.catalog = catalog;
        this.controls = controls;
        this.audit = audit;
        this.applier = applier;
        this.dryRun = dryRun;
        this.credentials = credentials;
        this.metrics = metrics;
        this.clock = clock;
        this.backoff = new ModelBackoff(config.reconcile().retryInitialBackoff(), config.reconcile().retryMaxBackoff());
        // Twice the call concurrency: while some threads wait for Inferless, others write their
        // intents and outcomes; the client's bulkhead still caps calls in flight at the concurrency.
        int threads = 2 * Math.max(1, config.inferless().concurrency());
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "scaler-apply-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Completes the intents that instances no longer in the cluster left without outcome: this
     * instance claims each, re-sends it (the update is idempotent) and records the outcome.
     * Every reconcile starts with this, and a sweep runs it every few seconds; returns how many were
     * handed to the pool. Synchronized with {@link #reconcile} so that the two never dispatch for one model at once.
     */
    public synchronized int completeOrphans() {
        if (closing) {
            return 0;
        }
        List<AuditLog.OpenIntent> orphans = audit.claimOrphans();
        for (AuditLog.OpenIntent open : orphans) {
            Intent intent = open.intent();
            Log.infof("Model %s: completing the change another instance, or a previous run, left unfinished (audit row %d)",
                    intent.modelId(), open.id());
            dispatch(intent, () -> Optional.of(applier.send(open.id(), intent)));
        }
        return orphans.size();
    }

    /** Reconciles every model now on the scheduler's behalf; returns how many changes were handed to the pool. */
    public int reconcile(Trigger trigger) {
        return reconcile(trigger, SCHEDULER);
    }

    /** Reconciles every model now; {@code actor} is who caused it (an operator, or the scheduler). */
    public synchronized int reconcile(Trigger trigger, String actor) {
        if (closing) {
            Log.debugf("Shutting down: the %s reconcile is left to the other instances", trigger);
            return 0;
        }
        completeOrphans();
        Instant now = clock.instant();
        PolicySet policies = catalog.current().policySet();
        Map<String, AppliedSettings> applied = audit.applied();
        Optional<Freeze> freeze = controls.freeze();
        Cause cause = new Cause(trigger, actor);
        int dispatched = 0;
        for (String model : policies.models()) {
            if (inFlight.contains(model)) {
                skippedInFlight.put(model, cause); // looked at again when its change ends
                continue;
            }
            if (reconcileModel(policies, model, applied.get(model), freeze, cause, now)) {
                dispatched++;
            }
        }
        metrics.reconciled();
        return dispatched;
    }

    /** Compares one model's desired settings now with its applied ones; true when a change was dispatched. */
    private boolean reconcileModel(PolicySet policies, String model, AppliedSettings applied, Optional<Freeze> freeze,
            Cause cause, Instant now) {
        Desired desired = policies.desired(model, now);
        Optional<Intent> change = plan(policies, desired, applied, cause.trigger(), cause.actor(), now);
        if (change.isEmpty()) {
            backoff.succeeded(model);
            skippedWhileFrozen.remove(model);
            return false;
        }
        Intent intent = change.get();
        if (freeze.isPresent()) {
            skipWhileFrozen(intent, freeze.get());
            return false;
        }
        if (!mayCall(model, desired.settings(), now)) {
            return false;
        }
        dispatch(intent, () -> applier.apply(intent));
        return true;
    }

    /**
     * After a change has its outcome, looks at the model once more: what it should have may have moved
     * while the change was in flight (a transition came due, a policy or an override changed), and the
     * reconciles meanwhile skipped it here or, on other instances, still saw the old applied settings.
     * Without this, such a transition would wait for the next safety reconcile.
     */
    private synchronized void followUp(Intent done) {
        String model = done.modelId();
        Cause skipped = skippedInFlight.remove(model);
        PolicySet policies = catalog.current().policySet();
        if (closing || inFlight.contains(model) || !policies.models().contains(model)) {
            return;
        }
        Instant now = clock.instant();
        Cause cause = skipped != null ? skipped
                : lastTransition(policies, model, now).isAfter(done.transitionAt()) ? new Cause(Trigger.SCHEDULE, SCHEDULER)
                : new Cause(Trigger.POLICY_CHANGE, SCHEDULER);
        reconcileModel(policies, model, audit.applied(model).orElse(null), controls.freeze(), cause, now);
    }

    /** Why a reconcile looks at a model, and on whose behalf. */
    private record Cause(Trigger trigger, String actor) {}

    /**
     * Waits until every change handed to the pool has its outcome, including those a finished change
     * handed on ({@link #followUp}) (scheduled jobs, tests, shutdown).
     */
    public void awaitIdle(Duration timeout) {
        awaitIdle(timeout, new CompletableFuture<>());
    }

    /**
     * As {@link #awaitIdle}, but returns as soon as shutdown begins: a scheduled job that waits here
     * must not hold the shutdown (Quartz waits for its jobs) past {@code shutdown-grace}.
     */
    public void awaitIdleUnlessShuttingDown(Duration timeout) {
        awaitIdle(timeout, shutdownBegun);
    }

    private void awaitIdle(Duration timeout, CompletableFuture<Void> unless) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<CompletableFuture<?>> pending;
        while (!(pending = running.stream().filter(task -> !task.isDone()).toList()).isEmpty() && !unless.isDone()) {
            long left = Math.max(0, deadline - System.nanoTime());
            CompletableFuture.anyOf(CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)), unless)
                    .orTimeout(left, TimeUnit.NANOSECONDS).join();
        }
    }

    /**
     * Shutdown: no new changes from here on; those in flight get {@code grace} to finish. Any still
     * running after it keep their open intent, which another instance (or the next start) completes.
     * Returns how many were left open.
     */
    public int drain(Duration grace) {
        closing = true;
        shutdownBegun.complete(null);
        try {
            awaitIdle(grace);
        } catch (CompletionException timedOut) {
            // counted below
        }
        workers.shutdown(); // without interrupting: a call cut off halfway would be recorded as failed
        int left = inFlight.size();
        if (left > 0) {
            Log.warnf("Shutting down with %d change(s) still in flight: their intents stay open and another "
                    + "instance, or the next start, completes them", left);
        }
        return left;
    }

    /** The change that takes {@code model} from its applied to its desired settings, if any. */
    private Optional<Intent> plan(PolicySet policies, Desired desired, AppliedSettings applied, Trigger trigger,
            String actor, Instant now) {
        boolean appliedKnown = applied != null && !(applied.dryRun() && !dryRun.active());
        Settings before = appliedKnown ? applied.settings() : null;
        Settings send = before == null ? desired.settings() : desired.settings().differingFrom(before);
        if (send.isEmpty()) {
            return Optional.empty();
        }
        String model = desired.modelId();
        Trigger why = backoff.retrying(model, desired.settings()) ? Trigger.RETRY : trigger;
        // An operator's action takes effect when it is made; anything else when the schedule said.
        Instant at = switch (trigger) {
            case OVERRIDE, MANUAL, POLICY_CHANGE -> now;
            default -> lastTransition(policies, model, now);
        };
        return Optional.of(new Intent(model, at, why, desired.policies(),
                applied == null ? null : applied.auditId(), before, desired.settings(), send, desired.warnings(),
                why == Trigger.RETRY ? SCHEDULER : actor));
    }

    /** The instant the model's current desired settings took effect, as far back as eight days. */
    private static Instant lastTransition(PolicySet policies, String model, Instant now) {
        Instant end = now.plusNanos(1);
        for (Duration back : List.of(LOOK_BACK_SHORT, LOOK_BACK_LONG)) {
            List<Transition> recent = policies.timeline(model, now.minus(back), end);
            if (!recent.isEmpty()) {
                return recent.get(recent.size() - 1).at();
            }
        }
        return now;
    }

    private boolean mayCall(String model, Settings desired, Instant now) {
        if (backoff.waiting(model, desired, now)) {
            return false;
        }
        if (credentials.rejectedSince().isEmpty() || dryRun.active()) {
            keyProbes = 0;
            nextKeyProbe = Instant.MIN;
            return true;
        }
        // The key is rejected: one probe per backoff period, whichever model comes first.
        if (now.isBefore(nextKeyProbe)) {
            return false;
        }
        keyProbes++;
        nextKeyProbe = now.plus(backoff.delay(keyProbes));
        return true;
    }

    private void skipWhileFrozen(Intent intent, Freeze freeze) {
        if (intent.desired().equals(skippedWhileFrozen.get(intent.modelId()))) {
            return;
        }
        audit.skipped(intent, freeze.describe());
        metrics.changed(Outcome.SKIPPED);
        skippedWhileFrozen.put(intent.modelId(), intent.desired());
        Log.infof("Model %s: change %s not sent: %s", intent.modelId(), intent.sent(), freeze.describe());
    }

    /** Runs one change on the pool; the model is skipped by other reconciles until it has its outcome. */
    private void dispatch(Intent intent, Supplier<Optional<Result>> change) {
        String model = intent.modelId();
        inFlight.add(model);
        CompletableFuture<Void> task = CompletableFuture.runAsync(() -> {
            Optional<Result> result = Optional.empty();
            try {
                result = change.get();
                if (result.isPresent() && result.get().outcome() == Outcome.FAILED) {
                    backoff.failed(model, intent.desired(), clock.instant());
                } else {
                    backoff.succeeded(model);
                }
            } catch (RuntimeException e) {
                backoff.failed(model, intent.desired(), clock.instant());
                Log.errorf(e, "Model %s: the change could not be recorded; it will be completed or retried", model);
            } finally {
                inFlight.remove(model);
            }
            if (result.isEmpty()) { // another instance has this change and follows it up, or it failed to be recorded
                skippedInFlight.remove(model);
            } else {
                try {
                    followUp(intent);
                } catch (RuntimeException e) {
                    Log.errorf("Model %s: could not look at it again after its change, the next reconcile will: %s",
                            model, e.getMessage());
                }
            }
        }, workers);
        running.add(task);
        task.whenComplete((ok, error) -> running.remove(task));
    }
}
