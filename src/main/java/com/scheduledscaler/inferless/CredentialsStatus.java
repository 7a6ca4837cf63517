package com.scheduledscaler.inferless;

import io.quarkus.logging.Log;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether Inferless last accepted or rejected the API key. A rejection is logged once, when it starts,
 * and lasts until a call succeeds again.
 */
@Singleton
public class CredentialsStatus {

    private final Clock clock;
    private final AtomicReference<Instant> rejectedSince = new AtomicReference<>();

    CredentialsStatus(Clock clock) {
        this.clock = clock;
    }

    /** The instant of the first rejection of the current run of rejections. */
    public Optional<Instant> rejectedSince() {
        return Optional.ofNullable(rejectedSince.get());
    }

    void rejected() {
        Instant now = clock.instant();
        if (rejectedSince.compareAndSet(null, now)) {
            Log.errorf("Inferless rejected the API key (HTTP 401). No change can be applied until "
                    + "INFERLESS_API_KEY holds a valid workspace key; readiness is DOWN.");
        }
    }

    void accepted() {
        if (rejectedSince.getAndSet(null) != null) {
            Log.info("Inferless accepts the API key again.");
        }
    }
}
