package com.scheduledscaler;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class StartupFailureTest {

    static final String URL = "jdbc:postgresql://db:5432/scaler";

    @Test
    void anUnreachableDatabaseNamesTheUrlAndNeedsNoStackTrace() {
        var failure = StartupFailure.of(new RuntimeException("boot", new SQLException("Connection to db:5432 refused", "08001")), URL);
        assertTrue(failure.expected());
        assertTrue(failure.message().startsWith("Cannot reach PostgreSQL at " + URL), failure.message());
    }

    @Test
    void aRefusedConnectionBelowTheDriverIsRecognisedToo() {
        var failure = StartupFailure.of(new IllegalStateException(new ConnectException("Connection refused")), URL);
        assertTrue(failure.message().contains("Cannot reach PostgreSQL at " + URL), failure.message());
    }

    @Test
    void aRejectedLoginSaysWhichSettingsToCheck() {
        var failure = StartupFailure.of(new SQLException("FATAL: password authentication failed for user \"scaler\"", "28P01"), URL);
        assertTrue(failure.message().contains("refused the login"), failure.message());
        assertTrue(failure.message().contains("QUARKUS_DATASOURCE_PASSWORD"), failure.message());
    }

    @Test
    void anyOtherFailureKeepsItsStackTrace() {
        var failure = StartupFailure.of(new IllegalStateException("port 8080 in use"), URL);
        assertFalse(failure.expected());
        assertTrue(failure.message().contains("port 8080 in use"), failure.message());
    }
}
