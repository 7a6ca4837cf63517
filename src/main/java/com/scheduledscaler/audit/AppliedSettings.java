package com.scheduledscaler.audit;

import com.scheduledscaler.policy.Settings;

/**
 * What the daemon last got a success for on one model (the API cannot read settings back).
 *
 * @param auditId the audit row that applied it: the base of the next change
 * @param dryRun true when it was only computed in dry-run, never sent
 */
public record AppliedSettings(Settings settings, long auditId, boolean dryRun) {}
