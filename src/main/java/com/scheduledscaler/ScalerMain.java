package com.scheduledscaler;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Starts the daemon. A start-up that fails is reported in one short line (for a database that cannot
 * be reached: which URL was tried and what to do) instead of a wall of stack traces.
 */
@QuarkusMain
public class ScalerMain {

    public static void main(String... args) {
        Quarkus.run(Daemon.class, ScalerMain::exit, args);
    }

    private static void exit(int code, Throwable failure) {
        if (failure != null) {
            String url = ConfigProvider.getConfig()
                    .getOptionalValue("quarkus.datasource.jdbc.url", String.class).orElse("(not configured)");
            StartupFailure described = StartupFailure.of(failure, url);
            if (described.expected()) {
                Log.error(described.message());
            } else {
                Log.error(described.message(), failure);
            }
        }
        System.exit(code);
    }

    /** Runs until the process is asked to stop; the work happens in scheduled beans. */
    public static class Daemon implements QuarkusApplication {
        @Override
        public int run(String... args) {
            Quarkus.waitForExit();
            return 0;
        }
    }
}
