package com.scheduledscaler.reconcile;

import com.scheduledscaler.audit.AuditLog;
import com.scheduledscaler.audit.Intent;
import com.scheduledscaler.audit.Outcome;
import com.scheduledscaler.audit.Result;
import com.scheduledscaler.audit.Trigger;
import com.scheduledscaler.inferless.CredentialsRejectedException;
import com.scheduledscaler.inferless.DryRunMode;
import com.scheduledscaler.inferless.InferlessClient;
import com.scheduledscaler.inferless.InferlessException;
import com.scheduledscaler.inferless.SettingsUpdate;
import io.quarkus.logging.Log;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Makes one change: writes the intent, sends it (or not, in dry-run), records the outcome. The
 * database refuses a second intent from the same applied state, so a change goes out at most once.
 */
@Singleton
class Applier {

    private final AuditLog audit;
    private final InferlessClient inferless;
    private final DryRunMode dryRun;
    private final ScalerMetrics metrics;
    private final Clock clock;

    Applier(AuditLog audit, InferlessClient inferless, DryRunMode dryRun, ScalerMetrics metrics, Clock clock) {
        this.audit = audit;
        this.inferless = inferless;
        this.dryRun = dryRun;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The outcome, or empty when the change was already made or is in flight elsewhere. */
    Optional<Result> apply(Intent intent) {
        OptionalLong id = audit.open(intent);
        if (id.isEmpty()) {
            Log.debugf("Model %s: a change from this applied state is already recorded; nothing sent", intent.modelId());
            return Optional.empty();
        }
        return Optional.of(send(id.getAsLong(), intent));
    }

    /** Sends an intent already written (a new one, or one a crash left without outcome). */
    Result send(long id, Intent intent) {
        Result result;
        if (dryRun.active()) {
            result = Result.dryRun(dryRun.reason().orElse(""));
        } else {
            if (intent.trigger() == Trigger.SCHEDULE) {
                metrics.lag(intent.transitionAt(), clock.instant());
            }
            long start = System.nanoTime();
            try {
                SettingsUpdate update = inferless.updateSettings(intent.modelId(), intent.sent());
                result = Result.applied(update.attempts(), update.latency().toMillis());
            } catch (CredentialsRejectedException rejected) {
                // CredentialsStatus logs the rejection once; the audit row records each probe.
                result = Result.failed(rejected.getMessage(), 401, rejected.attempts(), elapsedMillis(start));
            } catch (InferlessException failure) {
                result = Result.failed(failure.getMessage(), failure.httpStatus(), failure.attempts(), elapsedMillis(start));
            } catch (RuntimeException unexpected) {
                result = Result.failed("unexpected error: " + unexpected.getMessage(), 0, 1, elapsedMillis(start));
            }
        }
        audit.complete(id, intent, result);
        metrics.changed(result.outcome());
        log(intent, result);
        return result;
    }

    private static void log(Intent intent, Result result) {
        if (result.outcome() == Outcome.FAILED && Integer.valueOf(401).equals(result.httpStatus())) {
            Log.debugf("Model %s: change %s not applied: the API key is rejected", intent.modelId(), intent.sent());
        } else if (result.outcome() == Outcome.FAILED) {
            Log.warnf("Model %s: change %s (%s, policies %s) failed: %s", intent.modelId(), intent.sent(),
                    intent.trigger(), intent.policies(), result.reason());
        } else {
            Log.infof("Model %s: %s %s (%s, policies %s)", intent.modelId(), result.outcome(), intent.sent(),
                    intent.trigger(), intent.policies());
        }
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
