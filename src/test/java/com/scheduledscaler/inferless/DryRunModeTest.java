package com.scheduledscaler.inferless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.scheduledscaler.config.ScalerConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DryRunModeTest {

    @Test
    void isOffWithAKeyAndNoFlag() {
        assertFalse(dryRunWith(Map.of("scaler.inferless.api-key", "k")).active());
    }

    @Test
    void isOnWithoutAKeyAndSaysHowToSetOne() {
        DryRunMode mode = dryRunWith(Map.of());
        assertTrue(mode.active());
        assertTrue(mode.reason().orElseThrow().contains("INFERLESS_API_KEY"));
    }

    @Test
    void isOnWithABlankKey() {
        assertTrue(dryRunWith(Map.of("scaler.inferless.api-key", " ")).active());
    }

    @Test
    void isOnWhenAskedForEvenWithAKey() {
        DryRunMode mode = dryRunWith(Map.of("scaler.inferless.api-key", "k", "scaler.dry-run", "true"));
        assertEquals("scaler.dry-run=true", mode.reason().orElseThrow());
    }

    static DryRunMode dryRunWith(Map<String, String> properties) {
        var config = new SmallRyeConfigBuilder()
                .withMapping(ScalerConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withDefaultValues(properties)
                .build()
                .getConfigMapping(ScalerConfig.class);
        return new DryRunMode(config);
    }
}
