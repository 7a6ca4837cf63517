package com.scheduledscaler.inferless;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.scheduledscaler.policy.Settings;
import io.quarkiverse.wiremock.devservice.ConnectWireMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
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

    final List<String> logged = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (String.valueOf(record.getLoggerName()).startsWith("io.quarkiverse.wiremock")) {
                return; // the stand-in Inferless server logging what it received is not the daemon's log
            }
            String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            logged.add(record.getLoggerName() + " " + message + stackTrace(record.getThrown()));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureAllLogs() {
        wiremock.resetMappings();
        wiremock.resetRequests();
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void failedCallsNeverShowTheKey() {
        String key = "test-key-9f2c71d04b";
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
        return failure.getMessage() + stackTrace(failure);
    }

    private static String stackTrace(Throwable failure) {
        if (failure == null) {
            return "";
        }
        var text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return "\n" + text;
    }
}
