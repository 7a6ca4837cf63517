package com.scheduledscaler.policy;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** When a policy is active: exactly one of the five forms of DESIGN.md section 3. */
public sealed interface Schedule {

    /** True for forms that are active only part of the time (so a model needs a baseline). */
    default boolean windowed() {
        return true;
    }

    /** {@code always: true}: active at every instant (on the days the calendar allows). */
    record Always() implements Schedule {
        @Override
        public boolean windowed() {
            return false;
        }
    }

    /** {@code window}: on the given weekdays from {@code from} to {@code to}; to &lt; from crosses midnight. */
    record DailyWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to) implements Schedule {
        public DailyWindow {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (days == null || days.isEmpty()) {
                throw new IllegalArgumentException("window has no days");
            }
            if (from.equals(to)) {
                throw new IllegalArgumentException("window starts and ends at the same time " + from);
            }
            days = Set.copyOf(EnumSet.copyOf(days));
        }

        boolean crossesMidnight() {
            return to.isBefore(from);
        }
    }

    /** {@code windows}: active from each start fire to the next end fire of the same entry. */
    record CronWindows(List<CronWindow> windows) implements Schedule {
        public CronWindows {
            if (windows == null || windows.isEmpty()) {
                throw new IllegalArgumentException("windows is empty");
            }
            windows = List.copyOf(windows);
        }
    }

    record CronWindow(LocalCron start, LocalCron end) {
        public CronWindow {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (start.equals(end)) {
                throw new IllegalArgumentException("window start equals its end (" + start + ")");
            }
        }
    }

    /** {@code steps}: set-points; the policy is in the state of its latest fire. */
    record Steps(List<Step> steps) implements Schedule {
        public Steps {
            if (steps == null || steps.isEmpty()) {
                throw new IllegalArgumentException("steps is empty");
            }
            steps = List.copyOf(steps);
        }

        @Override
        public boolean windowed() {
            return false;
        }
    }

    record Step(LocalCron at, Settings settings) {
        public Step {
            Objects.requireNonNull(at, "at");
            settings = settings == null ? Settings.NONE : settings;
        }
    }

    /** {@code once}: a one-off window between two local date-times. */
    record Once(LocalDateTime from, LocalDateTime to) implements Schedule {
        public Once {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (!to.isAfter(from)) {
                throw new IllegalArgumentException("once ends at " + to + ", not after its start " + from);
            }
        }
    }
}
