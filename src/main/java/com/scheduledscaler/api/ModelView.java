package com.scheduledscaler.api;

import com.scheduledscaler.policy.Settings;
import java.time.Instant;
import java.util.List;

/**
 * A model as the API shows it.
 *
 * @param applied what the daemon last got a success for (null: nothing yet)
 * @param appliedInDryRun true when {@code applied} was only computed in dry-run
 * @param desired what the policies and overrides want now
 * @param nextTransition the next change of the desired settings, if any within a year
 * @param lastOutcome the outcome of the latest decision (OPEN while in flight), if any
 */
public record ModelView(String id, Settings applied, boolean appliedInDryRun, Settings desired, List<String> policies,
        boolean overridden, List<String> warnings, NextTransition nextTransition, LastOutcome lastOutcome) {

        public record NextTransition(Instant at, Settings settings, List<String> changed) {}

        public record LastOutcome(String outcome, Instant at, String reason) {}
}
