package com.scheduledscaler.testing;

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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar, started as a user would ({@code java -jar target/quarkus-app/quarkus-run.jar}),
 * on the test database, with its output in a file. For the integration tests run by failsafe.
 */
public final class PackagedDaemon implements AutoCloseable {

    public static final String TEST_DB = "jdbc:postgresql://localhost:5432/scaler_test";

    private final Process process;
    private final Path log;
    private final int port;

    private PackagedDaemon(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts the jar on a free port with the test database and {@code environment} on top. */
    public static PackagedDaemon start(Map<String, String> environment) throws IOException {
        int port = freePort();
        Map<String, String> env = new HashMap<>(Map.of(
                "QUARKUS_HTTP_PORT", String.valueOf(port),
                "QUARKUS_DATASOURCE_JDBC_URL", TEST_DB));
        env.putAll(environment);
        Path log = Files.createTempFile("scaler-it", ".log");
        var builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("scaler.jar"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("INFERLESS_API_KEY");
        builder.environment().putAll(env);
        return new PackagedDaemon(builder.start(), log, port);
    }

    /** Waits until {@code /q/health/ready} answers (any status); false if the process died or time ran out. */
    public HttpResponse<String> awaitReadiness(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        URI ready = URI.create("http://localhost:" + port + "/q/health/ready");
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                return http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException notListeningYet) {
                Thread.sleep(250); // polls a starting process, not a schedule
            }
        }
        return null;
    }

    /** SIGKILL: the process dies at once, whatever it was doing. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: a graceful shutdown; true if the process ended within {@code timeout}. */
    public boolean stop(Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Process process() {
        return process;
    }

    public String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
