package com.scheduledscaler.inferless;

import java.time.Duration;

/**
 * What happened to one settings update that did not fail.
 *
 * @param sent false in dry-run, where nothing goes out
 * @param attempts HTTP requests made (0 in dry-run)
 * @param latency from the first request to the last answer
 * @param details the API's {@code details} message
 */
public record SettingsUpdate(boolean sent, int attempts, Duration latency, String details) {

    static SettingsUpdate notSent() {
        return new SettingsUpdate(false, 0, Duration.ZERO, "dry-run: not sent");
    }
}
