package com.scheduledscaler.inferless;

/** One runtime log line of a model: when, what, and on which stream ({@code stdout} or {@code stderr}). */
public record LogEntry(String time, String log, String stream) {}
