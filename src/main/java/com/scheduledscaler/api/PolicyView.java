package com.scheduledscaler.api;

import com.scheduledscaler.policy.Policy;
import com.scheduledscaler.policy.Settings;
import java.util.List;

/**
 * A policy as the API shows it.
 *
 * @param source {@code file:<path>} or {@code api}
 * @param status {@code active} or {@code paused}
 * @param errors problems of its file or body, each with its place (a broken file keeps its last good version)
 */
public record PolicyView(String name, String source, String status, String description, List<String> models,
        String timezone, int priority, Settings settings, List<String> errors) {

    static PolicyView of(Policy policy, boolean paused, List<String> errors) {
        String source = policy.source().startsWith("api:") ? "api" : "file:" + policy.source();
        return new PolicyView(policy.name(), source, paused ? "paused" : "active", policy.description(), policy.models(),
                policy.zone().getId(), policy.priority(), policy.settings(), errors);
    }
}
