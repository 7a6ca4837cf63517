package com.scheduledscaler.api;

import com.scheduledscaler.audit.Trigger;
import com.scheduledscaler.catalog.ControlStore;
import com.scheduledscaler.catalog.PolicyCatalog;
import com.scheduledscaler.policy.LoadResult;
import com.scheduledscaler.policy.Policy;
import com.scheduledscaler.policy.Problem;
import com.scheduledscaler.reconcile.OperatorActions;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** What the admin API does with policies: list, validate, create, replace, delete, pause, resume. */
@Singleton
class PolicyService {

    private final PolicyCatalog catalog;
    private final ControlStore controls;
    private final OperatorActions actions;

    PolicyService(PolicyCatalog catalog, ControlStore controls, OperatorActions actions) {
        this.catalog = catalog;
        this.controls = controls;
        this.actions = actions;
    }

    List<PolicyView> all() {
        PolicyCatalog.Snapshot snapshot = catalog.current();
        return snapshot.policies().stream().map(p -> view(snapshot, p)).toList();
    }

    Optional<PolicyView> one(String name) {
        PolicyCatalog.Snapshot snapshot = catalog.current();
        return find(name).map(p -> view(snapshot, p));
    }

    /** A valid body's single policy and its warnings; 422 with every error otherwise. */
    ValidationReport validate(String body) {
        Policy policy = parse(body);
        return new ValidationReport(policy.name(), catalog.parseApiPolicy(policy.name(), body).warnings().stream()
                .map(Problem::message).toList());
    }

    PolicyView create(String body, String actor) {
        Policy policy = parse(body);
        find(policy.name()).ifPresent(existing -> {
            throw ApiProblem.conflict(isFile(existing)
                    ? fileConflict(existing)
                    : "policy '" + policy.name() + "' already exists; replace it with PUT /api/policies/" + policy.name());
        });
        return save(policy, body, actor);
    }

    PolicyView replace(String name, String body, String actor) {
        Policy policy = parse(body);
        if (!policy.name().equals(name)) {
            throw ApiProblem.badParameter("name", "the body names policy '" + policy.name() + "' but the path names '" + name + "'");
        }
        find(name).filter(PolicyService::isFile).ifPresent(existing -> {
            throw ApiProblem.conflict(fileConflict(existing));
        });
        return save(policy, body, actor);
    }

    void delete(String name, String actor) {
        Policy existing = find(name).orElseThrow(() -> ApiProblem.notFound("no policy '" + name + "'"));
        if (isFile(existing)) {
            throw ApiProblem.conflict(fileConflict(existing));
        }
        controls.deleteApiPolicy(name, actor);
        actions.reconcile(Trigger.POLICY_CHANGE, actor);
    }

    void pause(String name, String actor) {
        find(name).orElseThrow(() -> ApiProblem.notFound("no policy '" + name + "'"));
        actions.pause(name, actor);
    }

    void resume(String name, String actor) {
        find(name).orElseThrow(() -> ApiProblem.notFound("no policy '" + name + "'"));
        actions.resume(name, actor);
    }

    private PolicyView save(Policy policy, String body, String actor) {
        controls.putApiPolicy(policy.name(), body, actor);
        actions.reconcile(Trigger.POLICY_CHANGE, actor);
        return one(policy.name()).orElseThrow();
    }

    private Policy parse(String body) {
        if (body == null || body.isBlank()) {
            throw ApiProblem.badRequest("the request body must be one policy as JSON");
        }
        LoadResult result = catalog.parseApiPolicy("request", body);
        if (result.hasErrors()) {
            throw ApiProblem.invalid("the policy has " + result.errors().size() + " error(s)", result.errors().stream()
                    .map(e -> new ApiProblem.Violation(e.field().isEmpty() ? null : e.field(), e.line() > 0 ? e.line() : null,
                            e.message()))
                    .toList());
        }
        if (result.policies().size() != 1) {
            throw ApiProblem.badRequest("the request body must hold exactly one policy, not " + result.policies().size());
        }
        return result.policies().get(0);
    }

    private Optional<Policy> find(String name) {
        return catalog.current().policies().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private static boolean isFile(Policy policy) {
        return !policy.source().startsWith("api:");
    }

    private static String fileConflict(Policy policy) {
        return "policy '" + policy.name() + "' is defined in " + policy.source()
                + "; policies from files are read-only through the API: edit the file";
    }

    private static PolicyView view(PolicyCatalog.Snapshot snapshot, Policy policy) {
        List<String> errors = snapshot.problems().stream()
                .filter(Problem::isError)
                .filter(e -> e.policy().equals(policy.name()) || e.file().equals(policy.source()))
                .map(Problem::message)
                .toList();
        return PolicyView.of(policy, snapshot.paused().contains(policy.name()), errors);
    }
}
