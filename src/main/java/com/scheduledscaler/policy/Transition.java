package com.scheduledscaler.policy;

import java.time.Instant;
import java.util.List;

/** An instant (UTC) at which a model's desired settings change, with the fields that changed. */
public record Transition(Instant at, String modelId, Settings settings, List<String> changedFields,
        List<String> policies, boolean overridden, List<String> warnings) {

    public Transition {
        changedFields = List.copyOf(changedFields);
        policies = List.copyOf(policies);
        warnings = List.copyOf(warnings);
    }

    static Transition of(Desired before, Desired after) {
        return new Transition(after.at(), after.modelId(), after.settings(),
                before.settings().changedFields(after.settings()), after.policies(), after.overridden(),
                after.warnings());
    }
}
