package com.scheduledscaler;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Turns an exception that stopped start-up into one line a user can act on.
 *
 * @param expected true for the known causes (database unreachable or refusing us), which need no stack trace
 */
record StartupFailure(String message, boolean expected) {

    static StartupFailure of(Throwable failure, String jdbcUrl) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            boolean sqlUnreachable = t instanceof SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08");
            if (sqlUnreachable || t instanceof ConnectException || t instanceof UnknownHostException) {
                return new StartupFailure("Cannot reach PostgreSQL at " + jdbcUrl + ": " + sentence(t.getMessage())
                        + " Start PostgreSQL (bin/scaler-dev db) or point QUARKUS_DATASOURCE_JDBC_URL at one.", true);
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("28") || sql.getSQLState().equals("3D000"))) {
                return new StartupFailure("PostgreSQL at " + jdbcUrl + " refused the login: " + sentence(sql.getMessage())
                        + " Check QUARKUS_DATASOURCE_USERNAME, QUARKUS_DATASOURCE_PASSWORD and the database name"
                        + " (bin/scaler-dev db creates the local role and databases).", true);
            }
        }
        return new StartupFailure("Scheduled Scaler could not start: " + firstLine(rootCause(failure).toString()), false);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String sentence(String text) {
        String line = firstLine(text);
        return line.endsWith(".") ? line : line + ".";
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }
}
