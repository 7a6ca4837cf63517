package com.scheduledscaler.policy;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns one located tree ({@link Node}) into a {@link Policy}, collecting every problem with its
 * file, line, policy name and field instead of stopping at the first.
 */
final class PolicyParser {

    static final List<String> FORMS = List.of("always", "window", "windows", "steps", "once");
    private static final List<String> TOP = List.of("name", "description", "models", "timezone", "priority",
            "enabled", "always", "window", "windows", "steps", "once", "calendar", "valid", "settings");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_RANGE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\s*\\.\\.\\s*(\\d{4}-\\d{2}-\\d{2})");
    private static final Map<String, ZoneId> ZONES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Pattern COMMA = Pattern.compile("\\s*,\\s*");
    private static final Pattern DASH = Pattern.compile("\\s*-\\s*");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2}))?");

    private final Path baseDir;
    private final IcsCalendars calendars;
    private final LocalDate today;
    private final Map<String, LocalCron> crons;
    /** Parsed calendar entry lists that had no problems, shared between policies that repeat them. */
    private final Map<String, DaySet> daySets = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<IcsDays, Boolean> upcoming = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

    PolicyParser(Path baseDir, IcsCalendars calendars, LocalDate today, Map<String, LocalCron> crons) {
        this.baseDir = baseDir;
        this.calendars = calendars;
        this.today = today;
        this.crons = crons;
    }

    /** Collects problems for one policy. */
    private static final class Report {
        final String file;
        final List<Problem> problems;
        String policy = "";
        boolean failed;

        Report(String file, List<Problem> problems) {
            this.file = file;
            this.problems = problems;
        }

        void error(Node at, String field, String reason) {
            failed = true;
            problems.add(Problem.error(file, at == null ? 0 : at.line(), policy, field, reason));
        }

        void warning(Node at, String field, String reason) {
            problems.add(Problem.warning(file, at == null ? 0 : at.line(), policy, field, reason));
        }
    }

    /** The policy, or empty when it has errors (added to {@code problems}). */
    Optional<Policy> parse(Node root, String file, List<Problem> problems) {
        Report report = new Report(file, problems);
        if (!root.isObject()) {
            report.error(root, "", "a policy must be a mapping of fields, found " + describe(root));
            return Optional.empty();
        }
        Node nameNode = root.get("name");
        String name = null;
        if (nameNode == null || !nameNode.isScalar() || nameNode.text().isBlank()) {
            report.error(nameNode == null ? root : nameNode, "name", "name is required");
        } else {
            name = nameNode.text().trim();
            report.policy = name;
            if (!Policy.NAME.matcher(name).matches()) {
                report.error(nameNode, "name", "must be lower-case letters, digits and '-' (found '" + name + "')");
            }
        }
        unknownFields(root, TOP, "", report);
        String description = scalar(root, "description", "description", report);
        List<String> models = models(root.get("models"), report, root);
        ZoneId zone = zone(root.get("timezone"), report);
        int priority = integer(root.get("priority"), "priority", 0, false, report);
        boolean enabled = bool(root.get("enabled"), "enabled", true, report);
        Settings settings = settings(root.get("settings"), "settings", report);
        CalendarRule calendar = calendar(root.get("calendar"), root.get("valid"), report);
        Schedule schedule = schedule(root, settings, report);
        if (report.failed) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Policy(name, description, models, zone, priority, enabled, schedule, calendar,
                    settings, file, root.line()));
        } catch (IllegalArgumentException e) {
            report.error(root, "", e.getMessage());
            return Optional.empty();
        }
    }

    // --- fields --------------------------------------------------------------------------------

    private static List<String> models(Node node, Report report, Node root) {
        List<String> models = new ArrayList<>();
        if (node == null || node.kind() == Node.Kind.NULL) {
            report.error(root, "models", "no models: list at least one model id");
            return models;
        }
        for (Node item : listOf(node)) {
            if (!item.isScalar() || item.text().isBlank()) {
                report.error(item, "models", "a model id must be a non-empty string, found " + describe(item));
            } else {
                models.add(item.text().trim());
            }
        }
        if (models.isEmpty() && !report.failed) {
            report.error(node, "models", "no models: list at least one model id");
        }
        return models;
    }

    private static ZoneId zone(Node node, Report report) {
        if (node == null) {
            return ZoneId.of("UTC");
        }
        String text = node.isScalar() ? node.text().trim() : "";
        ZoneId known = ZONES.get(text);
        if (known != null) {
            return known;
        }
        try {
            ZoneId zone = ZoneId.of(text);
            ZONES.put(text, zone);
            return zone;
        } catch (DateTimeException e) {
            report.error(node, "timezone", "unknown time zone '" + text + "' (use an IANA name like Europe/Berlin)");
            return ZoneId.of("UTC");
        }
    }

    private static String scalar(Node parent, String key, String field, Report report) {
        Node node = parent.get(key);
        if (node == null || node.kind() == Node.Kind.NULL) {
            return null;
        }
        if (!node.isScalar()) {
            report.error(node, field, "must be a string, found " + describe(node));
            return null;
        }
        return node.text();
    }

    private static Integer integer(Node node, String field, Integer fallback, boolean nonNegative, Report report) {
        if (node == null || node.kind() == Node.Kind.NULL) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(node.isScalar() ? node.text().trim() : "?");
            if (nonNegative && value < 0) {
                report.error(node, field, "must not be negative (found " + value + ")");
            }
            return value;
        } catch (NumberFormatException e) {
            report.error(node, field, "must be a whole number, found " + describe(node));
            return fallback;
        }
    }

    private static Boolean bool(Node node, String field, Boolean fallback, Report report) {
        if (node == null || node.kind() == Node.Kind.NULL) {
            return fallback;
        }
        String text = node.isScalar() ? node.text().trim().toLowerCase(Locale.ROOT) : "?";
        if (text.equals("true")) {
            return true;
        }
        if (text.equals("false")) {
            return false;
        }
        report.error(node, field, "must be true or false, found " + describe(node));
        return fallback;
    }

    private static Settings settings(Node node, String field, Report report) {
        if (node == null || node.kind() == Node.Kind.NULL) {
            return Settings.NONE;
        }
        if (!node.isObject()) {
            report.error(node, field, "must be a mapping of settings, found " + describe(node));
            return Settings.NONE;
        }
        unknownFields(node, Settings.FIELDS, field + ".", report);
        Integer min = integer(node.get("min_replica"), field + ".min_replica", null, true, report);
        Integer max = integer(node.get("max_replica"), field + ".max_replica", null, true, report);
        if (min != null && max != null && min > max) {
            report.error(node.get("min_replica"), field + ".min_replica",
                    "min_replica " + min + " is greater than max_replica " + max);
        }
        return new Settings(min, max,
                integer(node.get("scale_down_delay"), field + ".scale_down_delay", null, true, report),
                integer(node.get("inference_time"), field + ".inference_time", null, true, report),
                bool(node.get("is_dedicated"), field + ".is_dedicated", null, report),
                scalar(node, "machine_type", field + ".machine_type", report),
                integer(node.get("container_concurrency"), field + ".container_concurrency", null, true, report),
                bool(node.get("is_input_output_enabled"), field + ".is_input_output_enabled", null, report));
    }

    // --- schedule ------------------------------------------------------------------------------

    private Schedule schedule(Node root, Settings settings, Report report) {
        List<String> present = new ArrayList<>(1);
        for (String form : FORMS) {
            if (root.get(form) != null) {
                present.add(form);
            }
        }
        if (present.size() != 1) {
            report.error(root, "", "exactly one schedule form of " + String.join(", ", FORMS) + " is required"
                    + (present.isEmpty() ? ", found none" : ", found " + String.join(" and ", present)));
            return null;
        }
        String form = present.get(0);
        Node node = root.get(form);
        try {
            return switch (form) {
                case "always" -> always(node, report);
                case "window" -> window(node, report);
                case "windows" -> windows(node, report);
                case "steps" -> steps(node, settings, report);
                default -> once(node, report);
            };
        } catch (IllegalArgumentException e) {
            report.error(node, form, e.getMessage());
            return null;
        }
    }

    private static Schedule always(Node node, Report report) {
        if (!Boolean.TRUE.equals(bool(node, "always", false, report))) {
            report.error(node, "always", "must be true (remove the policy or set enabled: false to pause it)");
        }
        return new Schedule.Always();
    }

    private Schedule window(Node node, Report report) {
        if (!node.isObject()) {
            report.error(node, "window", "must be a mapping with days, from and to, found " + describe(node));
            return null;
        }
        unknownFields(node, List.of("days", "from", "to"), "window.", report);
        Set<DayOfWeek> days = node.get("days") == null ? EnumSet.allOf(DayOfWeek.class)
                : weekdays(node.get("days"), "window.days", report);
        LocalTime from = time(node.get("from"), "window.from", node, report);
        LocalTime to = time(node.get("to"), "window.to", node, report);
        if (from != null && to != null && from.equals(to)) {
            report.error(node.get("to"), "window.to", "window starts and ends at the same time " + from);
            return null;
        }
        if (from == null || to == null || days.isEmpty()) {
            return null;
        }
        return new Schedule.DailyWindow(days, from, to);
    }

    private Schedule windows(Node node, Report report) {
        List<Schedule.CronWindow> windows = new ArrayList<>();
        List<Node> items = listOf(node);
        if (items.isEmpty()) {
            report.error(node, "windows", "list at least one {start, end} pair");
        }
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String field = "windows[" + i + "]";
            if (!item.isObject()) {
                report.error(item, field, "must be a mapping with start and end, found " + describe(item));
                continue;
            }
            unknownFields(item, List.of("start", "end"), field + ".", report);
            LocalCron start = cron(item.get("start"), field + ".start", item, report);
            LocalCron end = cron(item.get("end"), field + ".end", item, report);
            if (start != null && end != null) {
                if (start.equals(end)) {
                    report.error(item.get("end"), field + ".end", "window start equals its end ('" + start + "')");
                } else {
                    windows.add(new Schedule.CronWindow(start, end));
                }
            }
        }
        return windows.isEmpty() ? null : new Schedule.CronWindows(windows);
    }

    private Schedule steps(Node node, Settings base, Report report) {
        List<Schedule.Step> steps = new ArrayList<>();
        List<Node> items = listOf(node);
        if (items.isEmpty()) {
            report.error(node, "steps", "list at least one {at, settings} step");
        }
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String field = "steps[" + i + "]";
            if (!item.isObject()) {
                report.error(item, field, "must be a mapping with at and settings, found " + describe(item));
                continue;
            }
            unknownFields(item, List.of("at", "settings"), field + ".", report);
            LocalCron at = cron(item.get("at"), field + ".at", item, report);
            Settings settings = settings(item.get("settings"), field + ".settings", report);
            Settings effective = base.overlay(settings);
            if (effective.minReplica() != null && effective.maxReplica() != null
                    && effective.minReplica() > effective.maxReplica()) {
                report.error(item, field + ".settings", "min_replica " + effective.minReplica()
                        + " is greater than max_replica " + effective.maxReplica() + " (with the policy's settings)");
            }
            if (at != null) {
                steps.add(new Schedule.Step(at, settings));
            }
        }
        return steps.isEmpty() ? null : new Schedule.Steps(steps);
    }

    private static Schedule once(Node node, Report report) {
        if (!node.isObject()) {
            report.error(node, "once", "must be a mapping with from and to, found " + describe(node));
            return null;
        }
        unknownFields(node, List.of("from", "to"), "once.", report);
        LocalDateTime from = dateTime(node.get("from"), "once.from", node, report);
        LocalDateTime to = dateTime(node.get("to"), "once.to", node, report);
        if (from == null || to == null) {
            return null;
        }
        if (from.equals(to)) {
            report.error(node.get("to"), "once.to", "window starts and ends at the same time " + from);
            return null;
        }
        if (to.isBefore(from)) {
            report.error(node.get("to"), "once.to", "ends at " + to + ", before its start " + from);
            return null;
        }
        return new Schedule.Once(from, to);
    }

    private LocalCron cron(Node node, String field, Node parent, Report report) {
        if (node == null || !node.isScalar()) {
            report.error(node == null ? parent : node, field, "a cron expression is required");
            return null;
        }
        String text = node.text().trim();
        LocalCron cron = crons.get(text);
        if (cron == null) {
            try {
                cron = LocalCron.parse(text);
            } catch (IllegalArgumentException e) {
                report.error(node, field, e.getMessage());
                return null;
            }
            if (cron.nextAfter(today.minusDays(1).atStartOfDay()).isEmpty()) {
                report.error(node, field, "cron '" + text + "' can never fire");
                return null;
            }
            crons.put(text, cron);
        }
        return cron;
    }

    // --- calendar ------------------------------------------------------------------------------

    private CalendarRule calendar(Node node, Node valid, Report report) {
        DaySet only = DaySet.EMPTY;
        DaySet except = DaySet.EMPTY;
        if (node != null && node.kind() != Node.Kind.NULL) {
            if (!node.isObject()) {
                report.error(node, "calendar", "must be a mapping with only and/or except, found " + describe(node));
            } else {
                unknownFields(node, List.of("only", "except"), "calendar.", report);
                only = daySet(node.get("only"), "calendar.only", report);
                except = daySet(node.get("except"), "calendar.except", report);
            }
        }
        LocalDate from = null;
        LocalDate until = null;
        if (valid != null && valid.kind() != Node.Kind.NULL) {
            if (!valid.isObject()) {
                report.error(valid, "valid", "must be a mapping with from and/or until, found " + describe(valid));
            } else {
                unknownFields(valid, List.of("from", "until"), "valid.", report);
                from = date(valid.get("from"), "valid.from", report);
                until = date(valid.get("until"), "valid.until", report);
                if (from != null && until != null && until.isBefore(from)) {
                    report.error(valid.get("until"), "valid.until", "ends " + until + " before it starts " + from);
                    until = null;
                }
            }
        }
        return new CalendarRule(only, except, from, until);
    }

    private DaySet daySet(Node node, String field, Report report) {
        if (node == null || node.kind() == Node.Kind.NULL) {
            return DaySet.EMPTY;
        }
        String key = memoKey(node);
        DaySet known = key == null ? null : daySets.get(key);
        if (known != null) {
            return known;
        }
        int problemsBefore = report.problems.size();
        DaySet parsed = parseDaySet(node, field, report);
        if (key != null && report.problems.size() == problemsBefore) {
            daySets.put(key, parsed);
        }
        return parsed;
    }

    /** The entries' texts joined, when every entry is a scalar: equal lists give equal day sets. */
    private static String memoKey(Node node) {
        StringBuilder key = new StringBuilder();
        for (Node item : listOf(node)) {
            if (!item.isScalar()) {
                return null;
            }
            key.append(item.text()).append('\n');
        }
        return key.toString();
    }

    private DaySet parseDaySet(Node node, String field, Report report) {
        Set<DayOfWeek> weekdays = EnumSet.noneOf(DayOfWeek.class);
        Set<LocalDate> dates = new HashSet<>();
        List<DaySet.DateRange> ranges = new ArrayList<>();
        List<IcsDays> icsFiles = new ArrayList<>();
        for (Node item : listOf(node)) {
            if (!item.isScalar() || item.text().isBlank()) {
                report.error(item, field, "a calendar entry must be a weekday, date, date range or .ics file, found "
                        + describe(item));
                continue;
            }
            String text = item.text().trim();
            var range = DATE_RANGE.matcher(text);
            if (text.toLowerCase(Locale.ROOT).endsWith(".ics")) {
                try {
                    IcsDays days = calendars.read(baseDir.resolve(text), text);
                    icsFiles.add(days);
                    if (!upcoming.computeIfAbsent(days, d -> d.anyBetween(today, today.plusMonths(12).minusDays(1)))) {
                        report.warning(item, field, "calendar " + text + " has no events in the 12 months from "
                                + today + " (stale holiday list?)");
                    }
                } catch (IllegalArgumentException e) {
                    report.error(item, field, e.getMessage());
                }
            } else if (range.matches()) {
                LocalDate from = parseDate(range.group(1), item, field, report);
                LocalDate until = parseDate(range.group(2), item, field, report);
                if (from != null && until != null) {
                    if (until.isBefore(from)) {
                        report.error(item, field, "date range '" + text + "' ends before it starts");
                    } else {
                        ranges.add(new DaySet.DateRange(from, until));
                    }
                }
            } else if (DATE.matcher(text).matches()) {
                LocalDate date = parseDate(text, item, field, report);
                if (date != null) {
                    dates.add(date);
                }
            } else {
                weekdays.addAll(weekdays(item, field, report));
            }
        }
        return new DaySet(weekdays, dates, ranges, icsFiles);
    }

    // --- scalars -------------------------------------------------------------------------------

    private static Set<DayOfWeek> weekdays(Node node, String field, Report report) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (Node item : listOf(node)) {
            String text = item.isScalar() ? item.text().trim() : "";
            if (text.equalsIgnoreCase("daily") || text.equals("*")) {
                days.addAll(EnumSet.allOf(DayOfWeek.class));
                continue;
            }
            for (String part : COMMA.split(text)) {
                String[] ends = DASH.split(part);
                DayOfWeek first = ends.length >= 1 ? weekday(ends[0]) : null;
                DayOfWeek last = ends.length == 2 ? weekday(ends[1]) : first;
                if (ends.length > 2 || first == null || last == null) {
                    String bad = first == null ? ends.length >= 1 ? ends[0] : part : ends.length > 1 ? ends[1] : part;
                    report.error(item, field, "unknown weekday '" + bad + "' (use Mon, Tue, ... or ranges like Mon-Fri)");
                    continue;
                }
                for (DayOfWeek d = first; ; d = d.plus(1)) {
                    days.add(d);
                    if (d == last) {
                        break;
                    }
                }
            }
        }
        return days;
    }

    private static DayOfWeek weekday(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.length() < 2) {
            return null;
        }
        for (DayOfWeek d : DayOfWeek.values()) {
            String full = d.name().toLowerCase(Locale.ROOT);
            if (full.equals(t) || (t.length() == 3 && full.startsWith(t))) {
                return d;
            }
        }
        return null;
    }

    private static LocalTime time(Node node, String field, Node parent, Report report) {
        if (node == null || !node.isScalar()) {
            report.error(node == null ? parent : node, field, "a local time like \"08:00\" is required");
            return null;
        }
        var m = TIME.matcher(node.text().trim());
        if (m.matches()) {
            int h = Integer.parseInt(m.group(1));
            int min = Integer.parseInt(m.group(2));
            int s = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            if (h < 24 && min < 60 && s < 60) {
                return LocalTime.of(h, min, s);
            }
        }
        report.error(node, field, "'" + node.text() + "' is not a local time like \"08:00\"");
        return null;
    }

    private static LocalDateTime dateTime(Node node, String field, Node parent, Report report) {
        if (node == null || !node.isScalar()) {
            report.error(node == null ? parent : node, field, "a local date-time like \"2026-12-10T09:00\" is required");
            return null;
        }
        try {
            return LocalDateTime.parse(node.text().trim().replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            report.error(node, field, "'" + node.text() + "' is not a local date-time like \"2026-12-10T09:00\"");
            return null;
        }
    }

    private static LocalDate date(Node node, String field, Report report) {
        if (node == null || node.kind() == Node.Kind.NULL) {
            return null;
        }
        return parseDate(node.isScalar() ? node.text().trim() : describe(node), node, field, report);
    }

    private static LocalDate parseDate(String text, Node node, String field, Report report) {
        try {
            if (DATE.matcher(text).matches()) {
                return LocalDate.of(Integer.parseInt(text, 0, 4, 10), Integer.parseInt(text, 5, 7, 10),
                        Integer.parseInt(text, 8, 10, 10));
            }
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            report.error(node, field, "'" + text + "' is not a date like 2026-12-24");
            return null;
        }
    }

    private static void unknownFields(Node node, List<String> known, String prefix, Report report) {
        for (Map.Entry<String, Node> e : node.fields().entrySet()) {
            if (!known.contains(e.getKey())) {
                String hint = closest(e.getKey(), known).map(k -> " (did you mean '" + k + "'?)").orElse("");
                report.error(e.getValue(), prefix + e.getKey(), "unknown field '" + e.getKey() + "'" + hint);
            }
        }
    }

    static Optional<String> closest(String word, List<String> known) {
        return known.stream().filter(k -> distance(word, k) <= Math.max(2, k.length() / 4))
                .min(Comparator.comparingInt(k -> distance(word, k)));
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static List<Node> listOf(Node node) {
        if (node == null || node.kind() == Node.Kind.NULL) {
            return List.of();
        }
        return node.isArray() ? node.items() : List.of(node);
    }

    private static String describe(Node node) {
        if (node == null) {
            return "nothing";
        }
        return switch (node.kind()) {
            case OBJECT -> "a mapping";
            case ARRAY -> "a list";
            case NULL -> "nothing";
            case SCALAR -> "'" + node.text() + "'";
        };
    }
}
