package com.scheduledscaler.audit;

/** What made the daemon decide a change. */
public enum Trigger {
    /** A transition, at its instant. */
    SCHEDULE,
    /** At start-up: the desired settings changed while the daemon was down. */
    CATCH_UP,
    /** A policy file or API policy was added, changed, paused or resumed. */
    POLICY_CHANGE,
    /** An override was set or removed. */
    OVERRIDE,
    /** Someone asked for a reconcile. */
    MANUAL,
    /** Another attempt after a failure. */
    RETRY,
    /** The periodic safety reconcile found a difference. */
    SAFETY
}
