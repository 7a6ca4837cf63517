package com.scheduledscaler.api;

import com.scheduledscaler.policy.Settings;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/** Settings pinned on a model above every policy until {@code until}. */
public record OverrideRequest(@NotNull Settings settings, @NotNull Instant until, String reason) {}
