package com.scheduledscaler.policy;

import java.time.Instant;
import java.util.Objects;

/** Settings pinned on one model above every policy until {@code until} (exclusive). */
public record SettingsOverride(String modelId, Settings settings, Instant until, String reason) {

    public SettingsOverride {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(until, "until");
        reason = reason == null ? "" : reason;
    }

    public boolean activeAt(Instant t) {
        return t.isBefore(until);
    }
}
