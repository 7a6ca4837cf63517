package com.scheduledscaler.api;

import com.scheduledscaler.policy.Settings;
import com.scheduledscaler.policy.Transition;
import java.time.Instant;
import java.util.List;

/** A planned transition: when, which model, the desired settings from then on, what changed, and why. */
public record TimelineEntry(Instant at, String modelId, Settings settings, List<String> changed,
        List<String> policies, List<String> warnings) {

    static TimelineEntry of(Transition t) {
        return new TimelineEntry(t.at(), t.modelId(), t.settings(), t.changedFields(), t.policies(), t.warnings());
    }
}
