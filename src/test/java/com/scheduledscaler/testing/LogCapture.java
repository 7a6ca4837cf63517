package com.scheduledscaler.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Collects every log record of the daemon at or above a level, formatted, with stack traces. Records of
 * the stand-in Inferless server (WireMock logging what it received) are not the daemon's and are left out.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private LogCapture(Level level) {
        setLevel(level);
    }

    public static LogCapture start(Level level) {
        LogCapture capture = new LogCapture(level);
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    public List<String> lines() {
        return lines;
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record) || String.valueOf(record.getLoggerName()).startsWith("io.quarkiverse.wiremock")) {
            return;
        }
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        lines.add(record.getLoggerName() + " " + message + stackTrace(record.getThrown()));
    }

    public static String stackTrace(Throwable failure) {
        if (failure == null) {
            return "";
        }
        var text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return "\n" + text;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
