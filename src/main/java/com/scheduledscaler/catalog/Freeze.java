package com.scheduledscaler.catalog;

import java.time.Instant;

/** The incident switch: while it is on, no change is sent. */
public record Freeze(Instant since, String actor, String reason) {

    /** For audit rows: who froze, when and why. */
    public String describe() {
        return "frozen by " + actor + " since " + since + (reason.isBlank() ? "" : ": " + reason);
    }
}
