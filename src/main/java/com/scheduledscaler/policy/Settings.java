package com.scheduledscaler.policy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A model's settings as the Inferless settings API names them. Every field is optional: {@code null}
 * means "not set", is never sent and never overwrites another policy's value in a merge.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Settings(
        Integer minReplica,
        Integer maxReplica,
        Integer scaleDownDelay,
        Integer inferenceTime,
        Boolean isDedicated,
        String machineType,
        Integer containerConcurrency,
        Boolean isInputOutputEnabled) {

    public static final Settings NONE = new Settings(null, null, null, null, null, null, null, null);

    /** True when no field is set. */
    @JsonIgnore
    public boolean isEmpty() {
        return equals(NONE);
    }

    /** This settings with every field that {@code other} sets taken from {@code other}. */
    public Settings overlay(Settings other) {
        return new Settings(
                pick(other.minReplica, minReplica),
                pick(other.maxReplica, maxReplica),
                pick(other.scaleDownDelay, scaleDownDelay),
                pick(other.inferenceTime, inferenceTime),
                pick(other.isDedicated, isDedicated),
                pick(other.machineType, machineType),
                pick(other.containerConcurrency, containerConcurrency),
                pick(other.isInputOutputEnabled, isInputOutputEnabled));
    }

    private static <T> T pick(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }
}
