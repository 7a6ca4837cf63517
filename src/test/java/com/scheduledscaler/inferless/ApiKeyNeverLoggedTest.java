package com.scheduledscaler.inferless;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.scheduledscaler.policy.Settings;
import com.scheduledscaler.testing.LogCapture;
import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Failed calls of every kind log, and throw, without the API key in any message or stack trace. */
@QuarkusTest
@ConnectWireMock
class ApiKeyNeverLoggedTest {

    static final String SETTINGS = "/rest/model/settings/update/";

    WireMock wiremock;

    @Inject
    InferlessClient client;

    LogCapture capture;

    @BeforeEach
    void captureAllLogs() {
        wiremock.resetMappings();
        wiremock.resetRequests();
        capture = LogCapture.start(Level.ALL);
    }

    @AfterEach
    void stopCapturing() {
        capture.close();
    }

    @Test
    void failedCallsNeverShowTheKey() {
        String key = "test-key-9f2c71d04b";
        List<String> logged = capture.lines();
        List<String> thrown = new CopyOnWriteArrayList<>();
        Settings settings = new Settings(1, 2, null, null, null, null, null, null);

        // The answer echoes the Authorization header back: even then the key must not surface.
        wiremock.register(post(SETTINGS).willReturn(aResponse().withStatus(500).withBody("bad request Bearer " + key)));
        thrown.add(describe(assertThrows(InferlessException.class, () -> client.updateSettings("m", settings))));
        wiremock.register(post(SETTINGS).willReturn(aResponse().withStatus(401).withBody("invalid token " + key)));
        thrown.add(describe(assertThrows(InferlessException.class, () -> client.updateSettings("m", settings))));
        wiremock.register(post(SETTINGS).willReturn(okJson("{\"status\":\"error\",\"details\":\"key " + key + " lacks access\"}")));
        thrown.add(describe(assertThrows(InferlessException.class, () -> client.updateSettings("m", settings))));
        wiremock.register(post(SETTINGS).willReturn(okJson("{\"status\":\"success\"}").withFixedDelay(2_000)));
        thrown.add(describe(assertThrows(InferlessException.class, () -> client.updateSettings("m", settings))));
        wiremock.register(post("/rest/model/logs/get/").willReturn(aResponse().withStatus(403).withBody(key)));
        thrown.add(describe(assertThrows(InferlessException.class,
                () -> client.logs("m", Instant.EPOCH, Instant.EPOCH.plusSeconds(60), false))));

        assertTrue(logged.stream().anyMatch(line -> line.contains("retrying")), "the failures were logged: " + logged);
        assertTrue(logged.stream().anyMatch(line -> line.contains("rejected the API key")), "the 401 was logged");
        assertTrue(thrown.stream().anyMatch(text -> text.contains("***")), "the echoed key was redacted: " + thrown);
        logged.forEach(line -> assertFalse(line.contains(key), "log line shows the key: " + line));
        thrown.forEach(text -> assertFalse(text.contains(key), "exception shows the key: " + text));

        wiremock.register(post(SETTINGS).willReturn(okJson("{\"status\":\"success\"}")));
        client.updateSettings("m", settings); // accepted again: readiness back UP for the other tests
    }

    private static String describe(Throwable failure) {
        return failure.getMessage() + LogCapture.stackTrace(failure);
    }
}
