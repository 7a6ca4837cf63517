package com.scheduledscaler.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SimpleYaml} reads what it accepts exactly as the full parser (SnakeYAML via Jackson) does,
 * and gives up on the rest.
 */
class SimpleYamlTest {

    private static final YAMLFactory YAML = new YAMLFactory();

    private static final String POLICY = """
            # leading comment
            name: office-hours   # trailing comment
            description: Two warm replicas, not on holidays (see the #ops channel)
            models: [llama-chat-prod, 'whisper''s', "embeddings #2"]
            timezone: Europe/Berlin
            priority: 100
            enabled: true
            window:
              days: Mon-Fri
              from: "08:00"
              to: 19:00
            calendar:
                except: [calendars/de-berlin.ics, 2026-12-24, 2026-12-28..2027-01-01]
            settings: {min_replica: 2, max_replica: 8, machine_type: A100, nested: {a: [x, {b: c}], e: []}, f: {}}
            steps:
              - {at: "0 22 * * *", settings: {min_replica: 4}}
              -   at: 0 6 * * *
                  settings:
                    min_replica: 0
              - plain item
              - [a, b]
            windows:
            - start: "0 9 * * MON-FRI"
              end: '0 18 * * MON-FRI'
            - {start: "0 0 9 L * ?", end: "0 0 18 L * ?"}
            valid: {from: 2026-12-01, until: 2027-03-31}
            """;

    /** The roots the full parser reads, as the loader did before SimpleYaml. */
    private static List<Node> fullParser(String text) throws IOException {
        List<Node> roots = new ArrayList<>();
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken token;
            while ((token = p.nextToken()) != null) {
                if (token != JsonToken.VALUE_NULL) {
                    roots.add(Node.read(p));
                }
            }
        }
        return roots;
    }

    /** Equal kinds, texts, lines and field order (a record's toString shows a LinkedHashMap in order). */
    private static void assertReadAsTheFullParserDoes(String text) throws IOException {
        Optional<List<Node>> simple = SimpleYaml.documents(text);
        assertTrue(simple.isPresent(), "not accepted:\n" + text);
        assertEquals(fullParser(text).toString(), simple.get().toString(), text);
    }

    @Test
    void readsATypicalPolicyAsTheFullParser() throws IOException {
        assertReadAsTheFullParserDoes(POLICY);
    }

    @Test
    void readsSeveralDocumentsWithTheirLines() throws IOException {
        assertReadAsTheFullParserDoes("---\n" + POLICY + "---\n\n# only a comment\n--- # next\n" + POLICY + "---\n");
        assertReadAsTheFullParserDoes(POLICY.replace("\n", "\r\n") + "---\r\n" + POLICY.replace("\n", "\r\n"));
    }

    @Test
    void readsTheShippedExamples() throws IOException {
        try (var files = Files.list(Path.of("policies"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                assertReadAsTheFullParserDoes(Files.readString(f));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: 'null'\ng: \"~\"\nh: [~, null, x]\ni: {j: ~}\n",
        "a: 1\na: 2\nb: 3\n",
        "a:\n  b:\n    c: d\n  e: f\ng: h\n",
        "a:\n- x\n- y\nb:\n  - z\n",
        "a: x#y\nb: x # y\nc: 'x # y' # z\nd: [x, y] # z\n",
        "a: http://example.com/x\nb: 08:00:30\nc: x, y]\n",
        "a: Stra\u00dfe   und   Br\u00fccke\nb: \"\"\nc: ''\n",
        "a: [ x ,  y  ]\nb: {  c:   d  }\nc: [[a], [b, [c]]]\n",
        "a:\n  - b:\n    - c\n    d: e\n",
        "a: [x-y]\n",
        "",
        "# nothing\n\n   \n",
        "---\n---\n",
    })
    void readsEdgeCasesAsTheFullParser(String text) throws IOException {
        assertReadAsTheFullParserDoes(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "a: |\n  text\n",
        "a: >\n  text\n",
        "a: two\n  lines\n",
        "a: [x,\n  y]\n",
        "a: \"escape\\n\"\n",
        "a: \"open\n",
        "a:\tb\n",
        "name: [broken\n",
        "a: b: c\n",
        "? a\n: b\n",
        "\"a\": b\n",
        "- a\n- b\n",
        "just text\n",
        "  a: b\n",
        "a: b\n...\n",
        "%YAML 1.1\n---\na: b\n",
        "a: [x, , y]\n",
        "a: [x,]\n",
        "a: {b}\n",
        "a: {b:c}\n",
        "a: [b: c]\n",
        "a: -1\n",
        "a: b\n c: d\n",
        "a:\n  - b\n   - c\n",
        "--- a: b\n",
        "a: \u2028\n",
        "a: \"x\"y\n",
    })
    void givesUpOnAnythingElse(String text) {
        assertEquals(Optional.empty(), SimpleYaml.documents(text), text);
    }

    /** Random edits of a policy: whatever SimpleYaml still accepts, the full parser reads the same way. */
    @Test
    void acceptsNoEditedTextThatTheFullParserReadsDifferently() throws IOException {
        String pieces = " :-#'\"[]{},\n\n\n  ~?&*!|>\r\t";
        String twoDocuments = POLICY + "--- # the second\nname: b\nmodels:\n- m\nalways: ~\n";
        List<String> bases = List.of(twoDocuments, twoDocuments.replace("\n", "\r\n"));
        Random random = new Random(3);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder(bases.get(i % 2));
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(text.length());
                if (random.nextBoolean()) {
                    text.deleteCharAt(at);
                } else {
                    text.insert(at, pieces.charAt(random.nextInt(pieces.length())));
                }
            }
            Optional<List<Node>> simple = SimpleYaml.documents(text.toString());
            if (simple.isPresent()) {
                accepted++;
                List<Node> full;
                try {
                    full = fullParser(text.toString());
                } catch (IOException e) {
                    fail("accepted text the full parser rejects (" + e.getMessage() + "):\n" + text);
                    return;
                }
                assertEquals(full.toString(), simple.get().toString(), text.toString());
            }
        }
        assertTrue(accepted > 1_000, "only " + accepted + " edited texts accepted");
    }
}
