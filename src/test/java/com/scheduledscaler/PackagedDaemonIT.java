package com.scheduledscaler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.scheduledscaler.testing.PackagedDaemon;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged jar, started as a user would: {@code java -jar target/quarkus-app/quarkus-run.jar}. */
class PackagedDaemonIT {

    @Test
    void startsAndAnswersReadiness() throws Exception {
        try (PackagedDaemon daemon = PackagedDaemon.start(Map.of())) {
            var answer = daemon.awaitReadiness(Duration.ofSeconds(60));

            assertNotNull(answer, "no answer on /q/health/ready; output:\n" + daemon.output());
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("\"UP\""), answer.body());
            assertTrue(daemon.stop(Duration.ofSeconds(30)), "the daemon did not stop on SIGTERM");
        }
    }

    @Test
    void exitsWithOneClearLineNamingTheUrlWhenPostgresIsUnreachable() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:1/scaler";
        try (PackagedDaemon daemon = PackagedDaemon.start(Map.of("QUARKUS_DATASOURCE_JDBC_URL", url))) {
            assertTrue(daemon.process().waitFor(60, TimeUnit.SECONDS), "the daemon did not exit");
            String output = daemon.output();

            assertEquals(1, daemon.process().exitValue(), output);
            assertTrue(output.contains("Cannot reach PostgreSQL at " + url), output);
            assertFalse(output.contains("\tat "), "a stack trace was printed:\n" + output);
            assertTrue(output.strip().lines().count() <= 3, "more than a short message:\n" + output);
        }
    }
}
