package com.scheduledscaler.policy;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One validated policy: which models, when, in which time zone, at which priority, with which
 * settings. {@code source} and {@code line} say where it was written (for messages).
 */
public record Policy(String name, String description, List<String> models, ZoneId zone, int priority,
        boolean enabled, Schedule schedule, CalendarRule calendar, Settings settings, String source, int line) {

    public static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public Policy {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name '" + name + "' must be lower-case letters, digits and '-'");
        }
        if (models == null || models.isEmpty()) {
            throw new IllegalArgumentException("policy '" + name + "' names no models");
        }
        models = List.copyOf(models);
        zone = zone == null ? ZoneId.of("UTC") : zone;
        Objects.requireNonNull(schedule, "schedule");
        calendar = calendar == null ? CalendarRule.ANY_DAY : calendar;
        settings = settings == null ? Settings.NONE : settings;
        description = description == null ? "" : description;
        source = source == null ? "" : source;
    }

    /** This policy with {@code enabled} set. */
    public Policy withEnabled(boolean value) {
        return new Policy(name, description, models, zone, priority, value, schedule, calendar, settings, source, line);
    }

    /** True for an unconditional {@code always} policy: the baseline a model falls back to. */
    public boolean isBaseline() {
        return schedule instanceof Schedule.Always && calendar.unrestricted();
    }

    /** "file:line" for messages. */
    public String place() {
        return line > 0 ? source + ":" + line : source;
    }
}
