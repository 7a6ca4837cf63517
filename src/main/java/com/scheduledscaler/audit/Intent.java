package com.scheduledscaler.audit;

import com.scheduledscaler.policy.Settings;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A change about to be made, written to the audit before the call.
 *
 * @param transitionAt the instant the desired settings took effect (the scheduled instant)
 * @param baseAuditId the audit row of the applied state the change starts from; null when none
 * @param before the applied settings, or null when nothing is known to be applied
 * @param desired all the fields the policies want
 * @param sent the fields that differ from {@code before}: what goes to Inferless
 */
public record Intent(String modelId, Instant transitionAt, Trigger trigger, List<String> policies, Long baseAuditId,
        Settings before, Settings desired, Settings sent, List<String> warnings, String actor) {

    public Intent {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(transitionAt, "transitionAt");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(sent, "sent");
        Objects.requireNonNull(actor, "actor");
        policies = List.copyOf(policies);
        warnings = List.copyOf(warnings);
    }

    /** The applied settings once {@link #sent} is applied on top of {@link #before}. */
    public Settings appliedAfter() {
        return before == null ? sent : before.overlay(sent);
    }

    public Intent withTrigger(Trigger other) {
        return new Intent(modelId, transitionAt, other, policies, baseAuditId, before, desired, sent, warnings, actor);
    }
}
