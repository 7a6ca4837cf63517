package com.scheduledscaler.api;

import com.scheduledscaler.audit.AppliedSettings;
import com.scheduledscaler.audit.AuditLog;
import com.scheduledscaler.catalog.PolicyCatalog;
import com.scheduledscaler.inferless.InferlessClient;
import com.scheduledscaler.inferless.InferlessException;
import com.scheduledscaler.inferless.ModelLogs;
import com.scheduledscaler.policy.Desired;
import com.scheduledscaler.policy.PolicySet;
import com.scheduledscaler.policy.Settings;
import com.scheduledscaler.policy.SettingsOverride;
import com.scheduledscaler.reconcile.OperatorActions;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** What the admin API shows of models and does to them: state, overrides, logs. */
@Singleton
class ModelService {

    private final PolicyCatalog catalog;
    private final AuditLog audit;
    private final OperatorActions actions;
    private final InferlessClient inferless;
    private final Clock clock;

    ModelService(PolicyCatalog catalog, AuditLog audit, OperatorActions actions, InferlessClient inferless, Clock clock) {
        this.catalog = catalog;
        this.audit = audit;
        this.actions = actions;
        this.inferless = inferless;
        this.clock = clock;
    }

    List<ModelView> all() {
        PolicySet policies = catalog.current().policySet();
        Map<String, AppliedSettings> applied = audit.applied();
        Map<String, AuditLog.LastOutcome> outcomes = audit.lastOutcomes();
        TreeSet<String> ids = new TreeSet<>(policies.models());
        ids.addAll(applied.keySet());
        Instant now = clock.instant();
        List<ModelView> views = new ArrayList<>();
        for (String id : ids) {
            views.add(view(policies, id, applied.get(id), outcomes.get(id), now));
        }
        return views;
    }

    Optional<ModelView> one(String id) {
        PolicySet policies = catalog.current().policySet();
        AppliedSettings applied = audit.applied().get(id);
        if (!policies.models().contains(id) && applied == null) {
            return Optional.empty();
        }
        return Optional.of(view(policies, id, applied, audit.lastOutcomes().get(id), clock.instant()));
    }

    ModelView override(String id, OverrideRequest request, String actor) {
        requireKnown(id);
        Settings settings = request.settings();
        if (settings.isEmpty()) {
            throw ApiProblem.badParameter("settings", "an override must set at least one field");
        }
        checkNotNegative(settings);
        if (settings.minReplica() != null && settings.maxReplica() != null && settings.minReplica() > settings.maxReplica()) {
            throw ApiProblem.badParameter("settings.min_replica", "min_replica (" + settings.minReplica()
                    + ") must not exceed max_replica (" + settings.maxReplica() + ")");
        }
        if (!request.until().isAfter(clock.instant())) {
            throw ApiProblem.badParameter("until", "'until' (" + request.until() + ") must be in the future");
        }
        actions.override(new SettingsOverride(id, settings, request.until(), request.reason()), actor);
        return one(id).orElseThrow();
    }

    void removeOverride(String id, String actor) {
        if (!actions.removeOverride(id, actor)) {
            throw ApiProblem.notFound("model '" + id + "' has no override");
        }
    }

    ModelLogs logs(String id, Instant from, Instant to, boolean less) {
        requireKnown(id);
        ApiParameters.range(from, to, Duration.ofDays(7));
        try {
            return inferless.logs(id, from, to, less);
        } catch (InferlessException e) {
            throw ApiProblem.upstream(e.getMessage());
        }
    }

    private void requireKnown(String id) {
        if (!catalog.current().policySet().models().contains(id)) {
            throw ApiProblem.notFound("no policy names model '" + id + "'");
        }
    }

    private static void checkNotNegative(Settings settings) {
        for (String field : Settings.FIELDS) {
            if (settings.get(field) instanceof Integer number && number < 0) {
                throw ApiProblem.badParameter("settings." + field, field + " must not be negative");
            }
        }
    }

    private static ModelView view(PolicySet policies, String id, AppliedSettings applied, AuditLog.LastOutcome last,
            Instant now) {
        Desired desired = policies.desired(id, now);
        ModelView.NextTransition next = policies.nextTransition(id, now)
                .map(t -> new ModelView.NextTransition(t.at(), t.settings(), t.changedFields()))
                .orElse(null);
        return new ModelView(id, applied == null ? null : applied.settings(), applied != null && applied.dryRun(),
                desired.settings(), desired.policies(), desired.overridden(), desired.warnings(), next,
                last == null ? null : new ModelView.LastOutcome(last.outcome(), last.at(), last.reason()));
    }
}
