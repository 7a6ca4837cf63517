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

    /** The API names of the eight fields, in declaration order. */
    public static final java.util.List<String> FIELDS = java.util.List.of("min_replica", "max_replica",
            "scale_down_delay", "inference_time", "is_dedicated", "machine_type", "container_concurrency",
            "is_input_output_enabled");

    /** The value of a field by its API name (see {@link #FIELDS}), or null. */
    public Object get(String field) {
        return switch (field) {
            case "min_replica" -> minReplica;
            case "max_replica" -> maxReplica;
            case "scale_down_delay" -> scaleDownDelay;
            case "inference_time" -> inferenceTime;
            case "is_dedicated" -> isDedicated;
            case "machine_type" -> machineType;
            case "container_concurrency" -> containerConcurrency;
            case "is_input_output_enabled" -> isInputOutputEnabled;
            default -> throw new IllegalArgumentException("unknown settings field " + field);
        };
    }

    /** API names of the fields whose value differs between this and {@code other}. */
    public java.util.List<String> changedFields(Settings other) {
        java.util.List<String> changed = new java.util.ArrayList<>();
        for (String field : FIELDS) {
            if (!java.util.Objects.equals(get(field), other.get(field))) {
                changed.add(field);
            }
        }
        return changed;
    }

    /** The fields this sets whose value differs from {@code current}: what must be sent to reach this. */
    public Settings differingFrom(Settings current) {
        return new Settings(
                differing(minReplica, current.minReplica),
                differing(maxReplica, current.maxReplica),
                differing(scaleDownDelay, current.scaleDownDelay),
                differing(inferenceTime, current.inferenceTime),
                differing(isDedicated, current.isDedicated),
                differing(machineType, current.machineType),
                differing(containerConcurrency, current.containerConcurrency),
                differing(isInputOutputEnabled, current.isInputOutputEnabled));
    }

    private static <T> T differing(T wanted, T current) {
        return wanted != null && !wanted.equals(current) ? wanted : null;
    }

    /** This settings with {@code min_replica} and {@code max_replica} replaced. */
    public Settings withReplicas(Integer min, Integer max) {
        return new Settings(min, max, scaleDownDelay, inferenceTime, isDedicated, machineType,
                containerConcurrency, isInputOutputEnabled);
    }

    /** Field-by-field equality, written out: it is on the engine's hot path. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof Settings s && java.util.Objects.equals(minReplica, s.minReplica)
                && java.util.Objects.equals(maxReplica, s.maxReplica)
                && java.util.Objects.equals(scaleDownDelay, s.scaleDownDelay)
                && java.util.Objects.equals(inferenceTime, s.inferenceTime)
                && java.util.Objects.equals(isDedicated, s.isDedicated)
                && java.util.Objects.equals(machineType, s.machineType)
                && java.util.Objects.equals(containerConcurrency, s.containerConcurrency)
                && java.util.Objects.equals(isInputOutputEnabled, s.isInputOutputEnabled);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(minReplica, maxReplica, scaleDownDelay, inferenceTime, isDedicated, machineType,
                containerConcurrency, isInputOutputEnabled);
    }

    private static <T> T pick(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }
}
