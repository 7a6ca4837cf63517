package com.scheduledscaler.inferless;

import com.scheduledscaler.config.ScalerConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Whether changes go out to Inferless. Dry-run holds when {@code scaler.dry-run=true} or when no API key
 * is configured; the daemon says which, once, at start-up.
 */
@Singleton
public class DryRunMode {

    private final Optional<String> reason;
    private final String baseUrl;

    DryRunMode(ScalerConfig config) {
        this.baseUrl = config.inferless().baseUrl();
        if (config.dryRun()) {
            reason = Optional.of("scaler.dry-run=true");
        } else if (config.inferless().apiKey().filter(key -> !key.isBlank()).isEmpty()) {
            reason = Optional.of("no API key configured (set INFERLESS_API_KEY)");
        } else {
            reason = Optional.empty();
        }
    }

    /** True when nothing may be sent. */
    public boolean active() {
        return reason.isPresent();
    }

    /** Why dry-run holds, when it does. */
    public Optional<String> reason() {
        return reason;
    }

    void announce(@Observes StartupEvent startup) {
        reason.ifPresentOrElse(
                why -> Log.warnf("Dry-run: %s. Changes are computed and audited as DRY_RUN, never sent to Inferless.", why),
                () -> Log.infof("Changes are sent to the Inferless API at %s (API key configured).", baseUrl));
    }
}
