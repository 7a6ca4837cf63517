package com.scheduledscaler.audit;

/** How a decision ended. */
public enum Outcome {
    /** Inferless accepted the change. */
    APPLIED,
    /** The call failed; the reason, HTTP status and attempts say how. */
    FAILED,
    /** Dry-run: the change was computed, not sent. */
    DRY_RUN,
    /** Not sent on purpose (freeze); the reason says why. */
    SKIPPED
}
