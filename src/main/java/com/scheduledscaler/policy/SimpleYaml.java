package com.scheduledscaler.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the simple YAML that policy files are written in straight into {@link Node} trees, without
 * a general YAML parser: block mappings and sequences, plain and quoted one-line scalars, one-line
 * flow collections, comments and {@code ---} between documents. On a fresh JVM this costs a fraction
 * of what SnakeYAML's scanner does, which would otherwise be most of a policy load.
 *
 * <p>It gives up on anything else (anchors, tags, block or multi-line scalars, escapes, multi-line
 * flow collections, complex keys, tabs, unusual characters, and every syntax error); the caller then
 * reads the text with the full parser. So it only decides speed: what it accepts it reads exactly
 * as SnakeYAML via Jackson would (same kinds, texts, field order and lines), and every message about
 * bad YAML still comes from the full parser.
 */
final class SimpleYaml {

    /** SnakeYAML's default limits: beyond them the full parser reports the error. */
    private static final int MAX_CHARS = 3_000_000;
    private static final int MAX_DEPTH = 40;
    /** Characters that cannot start a plain scalar here (some could, with rules not worth copying). */
    private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@`";

    /** Thrown to give up; the caller falls back to the full parser. */
    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    private final String text;
    /** The content lines (not blank, not only a comment) of the document being read. */
    private final List<Line> lines = new ArrayList<>();
    private int next;
    private int depth;

    /** A content line: 1-based number, where its content starts, its column, and its end. */
    private record Line(int number, int start, int indent, int end) {

        /** The same line seen from {@code column} on, as the first key of a mapping in a sequence item. */
        Line from(int column) {
            return new Line(number, start - indent + column, column, end);
        }
    }

    private SimpleYaml(String text) {
        this.text = text;
    }

    /** The root of every non-empty document in {@code text}, or empty when it is outside the subset. */
    static Optional<List<Node>> documents(String text) {
        if (text.length() > MAX_CHARS) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SimpleYaml(text).readAll());
        } catch (Unsupported e) {
            return Optional.empty();
        }
    }

    private List<Node> readAll() {
        List<Node> roots = new ArrayList<>();
        int number = 0;
        int lineStart = 0;
        while (lineStart <= text.length()) {
            number++;
            int newline = text.indexOf('\n', lineStart);
            int end = newline < 0 ? text.length() : newline;
            int contentEnd = end > lineStart && text.charAt(end - 1) == '\r' ? end - 1 : end;
            checkCharacters(lineStart, contentEnd);
            if (isDocumentMarker(lineStart, contentEnd)) {
                readDocument(roots);
            } else {
                addLine(number, lineStart, contentEnd);
            }
            lineStart = end + 1;
        }
        readDocument(roots);
        return roots;
    }

    private boolean isDocumentMarker(int start, int end) {
        if (!text.startsWith("---", start)) {
            return false;
        }
        int rest = skipSpaces(start + 3, end);
        if (rest == start + 3 && rest < end || rest < end && text.charAt(rest) != '#') {
            throw new Unsupported();
        }
        return true;
    }

    /** Gives up on tabs, control characters, other line breaks, surrogates and byte order marks. */
    private void checkCharacters(int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < ' ' || c >= 0x7f && c <= 0x9f || c >= 0x2028) {
                throw new Unsupported();
            }
        }
    }

    /** Keeps the line when it has content. */
    private void addLine(int number, int start, int end) {
        int content = skipSpaces(start, end);
        if (content == end || text.charAt(content) == '#') {
            return;
        }
        if (content == start && (text.charAt(start) == '%' || text.startsWith("...", start))) {
            throw new Unsupported(); // directives and document end markers
        }
        lines.add(new Line(number, content, content - start, end));
    }

    private void readDocument(List<Node> roots) {
        if (!lines.isEmpty()) {
            Line first = lines.get(0);
            if (first.indent() != 0 || keyEnd(first) < 0) {
                throw new Unsupported();
            }
            next = 0;
            roots.add(mapping(0));
            if (next != lines.size()) {
                throw new Unsupported();
            }
            lines.clear();
        }
    }

    // --- block structure -----------------------------------------------------------------------

    /** A block mapping whose keys start at {@code indent}; the current line is its first key. */
    private Node mapping(int indent) {
        enter();
        Map<String, Node> fields = new LinkedHashMap<>();
        int line = lines.get(next).number();
        while (next < lines.size() && lines.get(next).indent() == indent) {
            Line current = lines.get(next);
            int keyEnd = keyEnd(current);
            if (keyEnd < 0) {
                throw new Unsupported();
            }
            String key = text.substring(current.start(), keyEnd);
            int value = skipSpaces(keyEnd + 1, current.end());
            next++;
            if (value < current.end() && text.charAt(value) != '#') {
                fields.put(key, inlineValue(current, value));
                noDeeperLine(indent);
            } else {
                fields.put(key, nestedValue(indent, current.number()));
            }
        }
        if (next < lines.size() && lines.get(next).indent() > indent) {
            throw new Unsupported();
        }
        depth--;
        return new Node(Node.Kind.OBJECT, null, fields, null, line);
    }

    /** The value of a key written alone on its line: what the following lines hold, or null. */
    private Node nestedValue(int keyIndent, int keyLine) {
        Line following = next < lines.size() ? lines.get(next) : null;
        if (following != null && isSequenceItem(following) && following.indent() >= keyIndent) {
            return withLine(sequence(following.indent()), keyLine);
        }
        if (following != null && following.indent() > keyIndent) {
            return withLine(mapping(following.indent()), keyLine);
        }
        return new Node(Node.Kind.NULL, null, null, null, keyLine);
    }

    /** A block sequence whose dashes are at {@code indent}; the current line is its first item. */
    private Node sequence(int indent) {
        enter();
        List<Node> items = new ArrayList<>();
        int line = lines.get(next).number();
        while (next < lines.size() && lines.get(next).indent() == indent && isSequenceItem(lines.get(next))) {
            Line current = lines.get(next);
            int content = skipSpaces(current.start() + 1, current.end());
            if (content == current.end() || text.charAt(content) == '#') {
                throw new Unsupported(); // the item is on the following lines
            }
            Line item = current.from(current.indent() + content - current.start());
            if (keyEnd(item) >= 0) {
                lines.set(next, item);
                items.add(mapping(item.indent()));
            } else {
                next++;
                items.add(inlineValue(current, content));
                noDeeperLine(indent);
            }
        }
        depth--;
        return new Node(Node.Kind.ARRAY, null, null, items, line);
    }

    private boolean isSequenceItem(Line line) {
        int after = line.start() + 1;
        return text.charAt(line.start()) == '-' && (after == line.end() || text.charAt(after) == ' ');
    }

    private int keyEnd(Line line) {
        return keyEnd(line.start(), line.end());
    }

    /** Where a simple key (letters, digits, '_', '-', '.', '/') followed by ':' and a space ends, or -1. */
    private int keyEnd(int from, int end) {
        int i = from;
        if (i < end && INDICATORS.indexOf(text.charAt(i)) >= 0) {
            return -1;
        }
        while (i < end && isKeyChar(text.charAt(i))) {
            i++;
        }
        boolean colon = i > from && i < end && text.charAt(i) == ':';
        return colon && (i + 1 == end || text.charAt(i + 1) == ' ') ? i : -1;
    }

    private static boolean isKeyChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '_' || c == '-' || c == '.' || c == '/';
    }

    /** A value that ended its line may not be followed by deeper lines (they would continue it). */
    private void noDeeperLine(int indent) {
        if (next < lines.size() && lines.get(next).indent() > indent) {
            throw new Unsupported();
        }
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new Unsupported();
        }
    }

    private static Node withLine(Node node, int line) {
        return new Node(node.kind(), node.text(), node.fields(), node.items(), line);
    }

    // --- values on one line --------------------------------------------------------------------

    /** A scalar or flow collection from {@code at} to the end of the line (or a comment). */
    private Node inlineValue(Line line, int at) {
        Cursor cursor = new Cursor(line, at);
        char c = text.charAt(at);
        Node value;
        if (c == '[' || c == '{' || c == '"' || c == '\'') {
            value = flowValue(cursor);
            int rest = skipSpaces(cursor.at, line.end());
            if (rest < line.end() && (rest == cursor.at || text.charAt(rest) != '#')) {
                throw new Unsupported();
            }
        } else {
            value = blockPlain(line, at);
        }
        return value;
    }

    /** A plain scalar in block context: up to the end of the line or a comment. */
    private Node blockPlain(Line line, int at) {
        if (INDICATORS.indexOf(text.charAt(at)) >= 0) {
            throw new Unsupported();
        }
        int end = at;
        for (int i = at; i < line.end(); i++) {
            char c = text.charAt(i);
            if (c == '#' && text.charAt(i - 1) == ' ') {
                break;
            }
            if (c == ':' && (i + 1 == line.end() || text.charAt(i + 1) == ' ')) {
                throw new Unsupported(); // a mapping inside a value: a syntax error
            }
            if (c != ' ') {
                end = i + 1;
            }
        }
        return plain(text.substring(at, end), line.number());
    }

    /** A position in a line, moved along by the flow readers. */
    private static final class Cursor {
        final Line line;
        int at;

        Cursor(Line line, int at) {
            this.line = line;
            this.at = at;
        }
    }

    private Node flowValue(Cursor cursor) {
        cursor.at = skipSpaces(cursor.at, cursor.line.end());
        if (cursor.at == cursor.line.end()) {
            throw new Unsupported(); // the collection goes on over the next line
        }
        return switch (text.charAt(cursor.at)) {
            case '[' -> flowSequence(cursor);
            case '{' -> flowMapping(cursor);
            case '"' -> quoted(cursor, '"');
            case '\'' -> quoted(cursor, '\'');
            default -> flowPlain(cursor);
        };
    }

    private Node flowSequence(Cursor cursor) {
        enter();
        int line = cursor.line.number();
        List<Node> items = new ArrayList<>();
        cursor.at++;
        if (!closes(cursor, ']')) {
            do {
                items.add(flowValue(cursor));
            } while (separated(cursor, ']'));
        }
        depth--;
        return new Node(Node.Kind.ARRAY, null, null, items, line);
    }

    private Node flowMapping(Cursor cursor) {
        enter();
        int line = cursor.line.number();
        Map<String, Node> fields = new LinkedHashMap<>();
        cursor.at++;
        if (!closes(cursor, '}')) {
            do {
                int keyStart = skipSpaces(cursor.at, cursor.line.end());
                int keyEnd = keyEnd(keyStart, cursor.line.end());
                if (keyEnd < 0 || keyEnd + 1 == cursor.line.end()) {
                    throw new Unsupported();
                }
                String key = text.substring(keyStart, keyEnd);
                cursor.at = keyEnd + 1;
                fields.put(key, flowValue(cursor));
            } while (separated(cursor, '}'));
        }
        depth--;
        return new Node(Node.Kind.OBJECT, null, fields, null, line);
    }

    /** Skips spaces; true (and past it) when the collection closes here, as in "[]" or "{ }". */
    private boolean closes(Cursor cursor, char close) {
        cursor.at = skipSpaces(cursor.at, cursor.line.end());
        if (cursor.at < cursor.line.end() && text.charAt(cursor.at) == close) {
            cursor.at++;
            return true;
        }
        return false;
    }

    /** After an entry: true at a ',' with another entry after it, false (and past it) at the close. */
    private boolean separated(Cursor cursor, char close) {
        if (closes(cursor, close)) {
            return false;
        }
        if (cursor.at == cursor.line.end() || text.charAt(cursor.at) != ',') {
            throw new Unsupported();
        }
        cursor.at = skipSpaces(cursor.at + 1, cursor.line.end());
        if (cursor.at < cursor.line.end() && (text.charAt(cursor.at) == close || text.charAt(cursor.at) == ',')) {
            throw new Unsupported(); // an empty entry
        }
        return true;
    }

    /** A plain scalar in a flow collection: up to ',', ']' or '}'. */
    private Node flowPlain(Cursor cursor) {
        int start = cursor.at;
        if (INDICATORS.indexOf(text.charAt(start)) >= 0) {
            throw new Unsupported();
        }
        int end = start;
        int i = start;
        for (; i < cursor.line.end(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == ']' || c == '}') {
                break;
            }
            if (c == ':' || c == '#' || c == '?' || c == '[' || c == '{') {
                throw new Unsupported();
            }
            if (c != ' ') {
                end = i + 1;
            }
        }
        cursor.at = i;
        return plain(text.substring(start, end), cursor.line.number());
    }

    /** A quoted scalar closed on the same line, without escapes ('' in single quotes is one '). */
    private Node quoted(Cursor cursor, char quote) {
        StringBuilder value = new StringBuilder();
        int i = cursor.at + 1;
        while (true) {
            int close = text.indexOf(quote, i);
            if (close < 0 || close >= cursor.line.end()) {
                throw new Unsupported();
            }
            value.append(text, i, close);
            if (quote == '\'' && close + 1 < cursor.line.end() && text.charAt(close + 1) == '\'') {
                value.append('\'');
                i = close + 2;
                continue;
            }
            if (quote == '"' && value.indexOf("\\") >= 0) {
                throw new Unsupported(); // escapes
            }
            cursor.at = close + 1;
            return new Node(Node.Kind.SCALAR, value.toString(), null, null, cursor.line.number());
        }
    }

    /** A plain scalar: null when YAML reads it as null, as Jackson reports it. */
    private static Node plain(String value, int line) {
        boolean isNull = value.isEmpty() || value.equals("~") || value.equals("null") || value.equals("Null")
                || value.equals("NULL");
        return isNull ? new Node(Node.Kind.NULL, null, null, null, line)
                : new Node(Node.Kind.SCALAR, value, null, null, line);
    }

    private int skipSpaces(int from, int end) {
        int i = from;
        while (i < end && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
