package com.scheduledscaler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged jar, started as a user would: {@code java -jar target/quarkus-app/quarkus-run.jar}. */
class PackagedDaemonIT {

    static final String TEST_DB = "jdbc:postgresql://localhost:5432/scaler_test";

    @Test
    void startsAndAnswersReadiness() throws Exception {
        int port = freePort();
        Process daemon = start(Map.of("QUARKUS_HTTP_PORT", String.valueOf(port), "QUARKUS_DATASOURCE_JDBC_URL", TEST_DB));
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI ready = URI.create("http://localhost:" + port + "/q/health/ready");
            Instant deadline = Instant.now().plusSeconds(60);
            HttpResponse<String> answer = null;
            while (Instant.now().isBefore(deadline) && daemon.isAlive()) {
                try {
                    answer = http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString());
                    break;
                } catch (IOException notListeningYet) {
                    Thread.sleep(250); // polls a starting process, not a schedule
                }
            }
            assertTrue(answer != null, "no answer on " + ready + "; output:\n" + output(daemon));
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("\"UP\""), answer.body());
        } finally {
            daemon.destroy();
            daemon.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void exitsWithOneClearLineNamingTheUrlWhenPostgresIsUnreachable() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:1/scaler";
        Process daemon = start(Map.of("QUARKUS_HTTP_PORT", String.valueOf(freePort()), "QUARKUS_DATASOURCE_JDBC_URL", url));

        assertTrue(daemon.waitFor(60, TimeUnit.SECONDS), "the daemon did not exit");
        String output = output(daemon);

        assertEquals(1, daemon.exitValue(), output);
        assertTrue(output.contains("Cannot reach PostgreSQL at " + url), output);
        assertFalse(output.contains("\tat "), "a stack trace was printed:\n" + output);
        assertTrue(output.strip().lines().count() <= 3, "more than a short message:\n" + output);
    }

    private static Process start(Map<String, String> environment) throws IOException {
        Path log = Files.createTempFile("scaler-it", ".log");
        var builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("scaler.jar"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("INFERLESS_API_KEY");
        builder.environment().putAll(environment);
        Process process = builder.start();
        LOGS.put(process, log);
        return process;
    }

    private static final Map<Process, Path> LOGS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String output(Process process) throws IOException {
        return Files.readString(LOGS.get(process), StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
