package com.scheduledscaler.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed YAML or JSON value that remembers the line it was written on. Scalars keep their text,
 * so "08:00" or "2026-12-24" reach validation exactly as written.
 */
record Node(Kind kind, String text, Map<String, Node> fields, List<Node> items, int line) {

    enum Kind { OBJECT, ARRAY, SCALAR, NULL }

    boolean isObject() {
        return kind == Kind.OBJECT;
    }

    boolean isArray() {
        return kind == Kind.ARRAY;
    }

    boolean isScalar() {
        return kind == Kind.SCALAR;
    }

    Node get(String field) {
        return fields == null ? null : fields.get(field);
    }

    /** Reads the value at the parser's current token (already advanced onto it). */
    static Node read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        int line = parser.currentTokenLocation().getLineNr();
        if (token == JsonToken.START_OBJECT) {
            Map<String, Node> fields = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                int fieldLine = parser.currentTokenLocation().getLineNr();
                parser.nextToken();
                Node value = read(parser);
                fields.put(name, new Node(value.kind, value.text, value.fields, value.items, fieldLine));
            }
            return new Node(Kind.OBJECT, null, fields, null, line);
        }
        if (token == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(parser));
            }
            return new Node(Kind.ARRAY, null, null, items, line);
        }
        if (token == JsonToken.VALUE_NULL) {
            return new Node(Kind.NULL, null, null, null, line);
        }
        return new Node(Kind.SCALAR, parser.getText(), null, null, line);
    }
}
