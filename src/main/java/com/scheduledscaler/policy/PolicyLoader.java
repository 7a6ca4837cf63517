package com.scheduledscaler.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Reads policies from YAML files (several per file, separated by {@code ---}) or from a JSON body,
 * validating each on its own: one bad policy never stops the others. Calendar paths are resolved
 * against the base directory; .ics files and cron expressions are memoized across calls, so keep
 * one loader for repeated reloads. {@code now} is only used for checks that need a present (a
 * stale holiday calendar, a cron that can never fire again), never the system clock.
 */
public final class PolicyLoader {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonFactory JSON = new JsonFactory();

    private final Path baseDir;
    private final PolicyParser parser;

    public PolicyLoader(Path baseDir, Instant now) {
        this.baseDir = baseDir;
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Map<String, LocalCron> crons = new ConcurrentHashMap<>();
        this.parser = new PolicyParser(baseDir, new IcsCalendars(today), today, crons);
    }

    /** Every {@code *.yaml} / {@code *.yml} file directly in the base directory, checked as one set. */
    public LoadResult loadDirectory() {
        List<Path> files;
        try (Stream<Path> listing = Files.list(baseDir)) {
            files = listing.filter(p -> {
                String n = p.getFileName().toString();
                return (n.endsWith(".yaml") || n.endsWith(".yml")) && Files.isRegularFile(p);
            }).sorted().toList();
        } catch (IOException e) {
            return new LoadResult(List.of(), List.of(Problem.error(baseDir.toString(), 0, "", "",
                    "cannot list the policies folder: " + e.getMessage())));
        }
        return loadFiles(files);
    }

    /** Several files as one set: adds duplicate-name errors and missing-baseline warnings. */
    public LoadResult loadFiles(List<Path> files) {
        // Files are independent: read them in parallel, combine in the given order.
        List<LoadResult> results = files.size() < 2 ? files.stream().map(this::loadFile).toList()
                : files.parallelStream().map(this::loadFile).toList();
        return combine(results);
    }

    /** One YAML file, possibly holding several policies separated by {@code ---}. */
    public LoadResult loadFile(Path file) {
        String source = sourceName(file);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new LoadResult(List.of(), List.of(Problem.error(source, 0, "", "",
                    "cannot read the file: " + e.getMessage())));
        }
        return parseYaml(source, text);
    }

    /**
     * YAML text named {@code source} in messages; duplicate names within it are errors. Text in the
     * simple form policies are usually written in is read by {@link SimpleYaml}, anything else by
     * the full YAML parser.
     */
    public LoadResult parseYaml(String source, String text) {
        List<Problem> problems = new ArrayList<>();
        List<Policy> policies = new ArrayList<>();
        Optional<List<Node>> simple = SimpleYaml.documents(text);
        if (simple.isPresent()) {
            simple.get().forEach(root -> validate(root, source, policies, problems));
        } else if (!readDocument(YAML, source, text, 0, policies, problems)) {
            // A syntax error: start again document by document, so it costs only its own document.
            problems.clear();
            policies.clear();
            int lineOffset = 0;
            for (String document : documents(text)) {
                readDocument(YAML, source, document, lineOffset, policies, problems);
                lineOffset += document.split("\n", -1).length - 1;
            }
        }
        return combine(List.of(new LoadResult(policies, problems)), false);
    }

    /** A JSON body (one policy object, or an array of them) as the admin API receives it. */
    public LoadResult parseJson(String source, String json) {
        List<Problem> problems = new ArrayList<>();
        List<Policy> policies = new ArrayList<>();
        readDocument(JSON, source, json, 0, policies, problems);
        return combine(List.of(new LoadResult(policies, problems)), false);
    }

    /**
     * Results of several files as one set: a later policy with an already used name is an error
     * (the first one is kept), and each model with windowed policies but no unconditional
     * {@code always} baseline gets a warning.
     */
    public static LoadResult combine(List<LoadResult> results) {
        return combine(results, true);
    }

    private static LoadResult combine(List<LoadResult> results, boolean baselineWarnings) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Policy> byName = new LinkedHashMap<>();
        for (LoadResult r : results) {
            problems.addAll(r.problems());
            for (Policy p : r.policies()) {
                Policy first = byName.putIfAbsent(p.name(), p);
                if (first != null) {
                    problems.add(Problem.error(p.source(), p.line(), p.name(), "name",
                            "duplicate policy name '" + p.name() + "' (first defined at " + first.place() + ")"));
                }
            }
        }
        if (baselineWarnings) {
            problems.addAll(missingBaselines(byName.values()));
        }
        return new LoadResult(new ArrayList<>(byName.values()), problems);
    }

    private static List<Problem> missingBaselines(Iterable<Policy> policies) {
        Map<String, List<Policy>> windowed = new TreeMap<>();
        Map<String, Boolean> baseline = new HashMap<>();
        for (Policy p : policies) {
            if (!p.enabled()) {
                continue;
            }
            for (String model : p.models()) {
                if (p.isBaseline()) {
                    baseline.put(model, true);
                } else if (p.schedule().windowed() || !p.calendar().unrestricted()) {
                    windowed.computeIfAbsent(model, m -> new ArrayList<>()).add(p);
                }
            }
        }
        List<Problem> warnings = new ArrayList<>();
        windowed.forEach((model, list) -> {
            if (!baseline.containsKey(model)) {
                Policy p = list.get(0);
                warnings.add(Problem.warning(p.source(), p.line(), p.name(), "models",
                        "model '" + model + "' has windowed policies but no 'always' baseline: outside the windows"
                                + " it keeps its last settings"));
            }
        });
        return warnings;
    }

    /** Reads every policy in {@code text}; false when it hit a syntax error (reported in problems). */
    private boolean readDocument(com.fasterxml.jackson.core.JsonFactory factory, String source, String text,
            int lineOffset, List<Policy> policies, List<Problem> problems) {
        try (JsonParser p = factory.createParser(text)) {
            JsonToken token;
            while ((token = p.nextToken()) != null) {
                if (token == JsonToken.VALUE_NULL) {
                    continue;
                }
                Node root = shift(Node.read(p), lineOffset);
                List<Node> roots = root.isArray() && factory == JSON ? root.items() : List.of(root);
                roots.forEach(r -> validate(r, source, policies, problems));
            }
            return true;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr() + lineOffset;
            problems.add(Problem.error(source, line, "", "", "not valid " + (factory == JSON ? "JSON" : "YAML")
                    + ": " + e.getOriginalMessage()));
            return false;
        } catch (IOException e) {
            problems.add(Problem.error(source, 0, "", "", "cannot read: " + e.getMessage()));
            return false;
        }
    }

    private void validate(Node root, String source, List<Policy> policies, List<Problem> problems) {
        parser.parse(root, source, problems).ifPresent(policies::add);
    }

    /** Splits YAML text at {@code ---} lines, keeping line counts, so a syntax error costs one document. */
    private static List<String> documents(String text) {
        List<String> docs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("---") && (line.length() == 3 || Character.isWhitespace(line.charAt(3)))) {
                docs.add(current.toString());
                current = new StringBuilder();
                current.append('\n');
                continue;
            }
            current.append(line).append('\n');
        }
        docs.add(current.toString());
        return docs;
    }

    private static Node shift(Node node, int offset) {
        if (offset == 0) {
            return node;
        }
        Map<String, Node> fields = null;
        if (node.fields() != null) {
            fields = new LinkedHashMap<>();
            for (Map.Entry<String, Node> e : node.fields().entrySet()) {
                fields.put(e.getKey(), shift(e.getValue(), offset));
            }
        }
        List<Node> items = node.items() == null ? null : node.items().stream().map(n -> shift(n, offset)).toList();
        return new Node(node.kind(), node.text(), fields, items, node.line() + offset);
    }

    private String sourceName(Path file) {
        Path name = baseDir.getFileName();
        try {
            Path relative = baseDir.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
            return name == null ? relative.toString() : name + "/" + relative;
        } catch (IllegalArgumentException e) {
            return file.toString();
        }
    }
}
