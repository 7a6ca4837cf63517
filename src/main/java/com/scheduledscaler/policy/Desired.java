package com.scheduledscaler.policy;

import java.time.Instant;
import java.util.List;

/**
 * A model's desired settings at an instant, the policies that contributed a field (in rank order),
 * whether an override contributed, and warnings such as the min/max clamp.
 */
public record Desired(String modelId, Instant at, Settings settings, List<String> policies, boolean overridden,
        List<String> warnings) {

    public Desired {
        policies = List.copyOf(policies);
        warnings = List.copyOf(warnings);
    }
}
