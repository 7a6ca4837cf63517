package com.scheduledscaler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.scheduledscaler.inferless.InferlessSpec;
import com.scheduledscaler.policy.PolicyLoader;
import com.scheduledscaler.policy.PolicySet;
import com.scheduledscaler.testing.PackagedDaemon;
import java.nio.file.Files;
import org.flywaydb.core.Flyway;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several instances on one database, as packaged jars against the test database and a stub of the
 * Inferless API: a transition every two seconds for six models. Waits on real time (these are real
 * processes with real Quartz schedulers); the schedule, not the test, sets the pace.
 */
class ClusterFailoverIT {

    static final String SETTINGS = "/rest/model/settings/update/";
    static final List<String> MODELS = List.of("cluster-1", "cluster-2", "cluster-3", "cluster-4", "cluster-5", "cluster-6");
    static final String POLICIES = """
            name: cluster-floor
            models: [%1$s]
            always: true
            settings: {min_replica: 0}
            ---
            name: cluster-pulse
            models: [%1$s]
            priority: 1
            windows:
              - {start: "0/4 * * * * ?", end: "2/4 * * * * ?"}
            settings: {min_replica: 1}
            """.formatted(String.join(", ", MODELS));
    static final String STEADY_POLICY = """
            name: cluster-steady
            models: [%s]
            always: true
            settings: {min_replica: 1}
            """.formatted(String.join(", ", MODELS));
    /** Quartz declares a silent instance dead after its 2 s check-in interval plus 7.5 s; the target is 15 s. */
    static final Duration TAKE_OVER = Duration.ofSeconds(15);

    WireMockServer inferless;
    Path policies;
    final List<PackagedDaemon> daemons = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        inferless = new WireMockServer(options().dynamicPort());
        inferless.start();
        policies = Files.createTempDirectory("cluster-policies");
        Files.writeString(policies.resolve("cluster.yaml"), POLICIES);
        // A fresh database, as a first deployment finds it: both instances then start on empty
        // Quartz tables at once (which once failed one of them on Quartz's lock rows; see V7).
        Flyway flyway = Flyway.configure().dataSource(PackagedDaemon.TEST_DB, "scaler", "scaler").cleanDisabled(false).load();
        flyway.clean();
        flyway.migrate();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (PackagedDaemon daemon : daemons) {
            daemon.close();
        }
        inferless.stop();
    }

    @Test
    void appliesEachTransitionOnceAndTheSurvivorTakesOverAfterASigkill() throws Exception {
        stubInferless(400);
        PackagedDaemon a = start("it-a", Map.of());
        PackagedDaemon b = start("it-b", Map.of());
        awaitReady(a);
        awaitReady(b);
        Instant bothRunning = Instant.now();

        sleepUntil(bothRunning.plusSeconds(9)); // a few transitions with both instances up
        // Kill whichever instance has a change in flight, in the middle of its calls.
        String victimId = awaitOpenIntentInstance(Duration.ofSeconds(10));
        PackagedDaemon victim = victimId.equals("it-a") ? a : b;
        PackagedDaemon survivor = victim == a ? b : a;
        String survivorId = victim == a ? "it-b" : "it-a";
        victim.kill();
        Instant killed = Instant.now();
        List<String> leftOpen = column("SELECT id::text FROM audit_entry WHERE outcome IS NULL AND instance_id = '" + victimId + "'");

        sleepUntil(killed.plus(TAKE_OVER).plusSeconds(12)); // six transitions after the take-over
        Instant stopped = Instant.now();
        assertTrue(survivor.stop(Duration.ofSeconds(40)), "the survivor did not stop on SIGTERM");

        // Nothing is left open: the survivor completed what the victim had in flight, as its own.
        assertEquals(List.of(), column("SELECT id::text FROM audit_entry WHERE outcome IS NULL"));
        assertFalse(leftOpen.isEmpty(), "the victim was killed with changes in flight");
        for (String id : leftOpen) {
            assertEquals(List.of("APPLIED " + survivorId),
                    column("SELECT outcome || ' ' || instance_id FROM audit_entry WHERE id = " + id));
        }
        assertTrue(survivor.output().contains("left unfinished"), survivor.output());
        // The take-over happened within 15 s of the kill (call time included) ...
        for (String id : leftOpen) {
            long completed = Long.parseLong(column(
                    "SELECT (extract(epoch FROM completed_at) * 1000)::bigint FROM audit_entry WHERE id = " + id).get(0));
            assertTrue(completed - killed.toEpochMilli() <= TAKE_OVER.toMillis(),
                    "row " + id + " completed " + (completed - killed.toEpochMilli()) + " ms after the kill");
        }
        // ... and the survivor applied every later transition at its instant, not by a late catch-up.
        assertEquals(List.of(), column("""
                SELECT id || ' ' || trigger || ' ' || model_id || ' ' || transition_at || ' written ' || created_at
                FROM audit_entry WHERE transition_at >= to_timestamp(%d / 1000.0)
                  AND (trigger <> 'SCHEDULE' OR created_at > transition_at + interval '5 seconds')"""
                .formatted(killed.plus(TAKE_OVER).toEpochMilli())));

        // No transition applied twice, by one instance or by both.
        assertEquals(List.of(), column("""
                SELECT model_id || ' ' || transition_at FROM audit_entry WHERE outcome = 'APPLIED'
                GROUP BY model_id, transition_at HAVING count(*) > 1"""));
        assertEquals(List.of(), column("SELECT id::text FROM audit_entry WHERE outcome <> 'APPLIED'"));

        // None missing: every transition while both ran, and every one after the take-over, once per model.
        Set<String> applied = new TreeSet<>(column("""
                SELECT model_id || ' ' || to_char(transition_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                FROM audit_entry WHERE outcome = 'APPLIED'"""));
        Instant firstFull = bothRunning.plusSeconds(2);
        List<String> expected = new ArrayList<>(transitions(firstFull, killed.minusSeconds(2)));
        expected.addAll(transitions(killed.plus(TAKE_OVER), stopped.minusSeconds(2)));
        assertTrue(expected.size() >= 6 * MODELS.size(), "too few transitions to show anything: " + expected);
        List<String> missing = expected.stream().filter(t -> !applied.contains(t)).toList();
        assertEquals(List.of(), missing, "transitions without an APPLIED row; applied: " + applied);

        // Both instances took part, and each change reached Inferless once, but for the re-sent ones
        // whose first call the victim may have made before it died.
        Set<String> instances = new TreeSet<>(column("SELECT DISTINCT instance_id FROM audit_entry"));
        assertTrue(instances.contains(survivorId), instances.toString());
        List<LoggedRequest> calls = inferless.findAll(postRequestedFor(urlEqualTo(SETTINGS)));
        int appliedRows = column("SELECT id::text FROM audit_entry WHERE outcome = 'APPLIED'").size();
        assertTrue(calls.size() >= appliedRows && calls.size() <= appliedRows + leftOpen.size(),
                calls.size() + " calls for " + appliedRows + " applied changes, " + leftOpen.size() + " re-sent");
        assertRequestsConform(calls);
    }

    @Test
    void gracefulShutdownFinishesCallsInFlightOrLeavesThemToTheOtherInstance() throws Exception {
        // No transitions: only the first catch-up changes anything, so the other instance can only
        // learn of the open intents through its sweep (the safety reconcile waits 60 s).
        Files.writeString(policies.resolve("cluster.yaml"), STEADY_POLICY);
        stubInferless(20_000); // each call takes 20 s: longer than the grace, and than Quartz's wait for its jobs
        PackagedDaemon first = start("it-first", Map.of("SCALER_RECONCILE_SHUTDOWN_GRACE", "1s"));
        awaitReady(first);
        String busy = awaitOpenIntentInstance(Duration.ofSeconds(15));
        assertEquals("it-first", busy);
        PackagedDaemon other = start("it-other", Map.of());
        awaitReady(other); // its own catch-up finds the changes in flight and sends nothing
        List<String> inFlight = column("SELECT id::text FROM audit_entry WHERE outcome IS NULL");
        assertEquals(List.of("it-first"), column("SELECT DISTINCT instance_id FROM audit_entry"));

        assertTrue(first.stop(Duration.ofSeconds(30)), "the daemon did not stop on SIGTERM");
        Instant stopped = Instant.now();
        stubInferless(50);
        assertTrue(first.output().contains("still in flight"), first.output());
        // Every row is whole: an intent without outcome, or an intent with its outcome.
        assertEquals(List.of(), column("SELECT id::text FROM audit_entry WHERE (outcome IS NULL) <> (completed_at IS NULL)"));
        List<String> open = column("SELECT id::text FROM audit_entry WHERE outcome IS NULL");
        // Shutdown did not wait for the calls (the scheduled job returns when the drain begins).
        assertFalse(open.isEmpty(), "calls of 20 s do not finish in a 1 s grace");
        assertTrue(inFlight.containsAll(open), "only calls in flight at the SIGTERM were left open");

        Instant deadline = stopped.plus(TAKE_OVER).plusSeconds(10);
        while (!column("SELECT id::text FROM audit_entry WHERE outcome IS NULL").isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100); // the other instance's sweep completes them once the first has left the cluster
        }
        for (String id : open) {
            assertEquals(List.of("APPLIED it-other"),
                    column("SELECT outcome || ' ' || instance_id FROM audit_entry WHERE id = " + id));
            long completed = Long.parseLong(column(
                    "SELECT (extract(epoch FROM completed_at) * 1000)::bigint FROM audit_entry WHERE id = " + id).get(0));
            assertTrue(completed - stopped.toEpochMilli() <= TAKE_OVER.toMillis(),
                    "row " + id + " completed " + (completed - stopped.toEpochMilli()) + " ms after the stop");
        }
        assertTrue(other.output().contains("left unfinished"), other.output());
        assertTrue(other.stop(Duration.ofSeconds(40)));
        assertRequestsConform(inferless.findAll(postRequestedFor(urlEqualTo(SETTINGS))));
    }

    private PackagedDaemon start(String instanceId, Map<String, String> extra) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of(
                "QUARKUS_QUARTZ_INSTANCE_ID", instanceId,
                "SCALER_POLICIES_DIR", policies.toString(),
                "INFERLESS_API_KEY", "it-key-5d1e",
                "SCALER_INFERLESS_BASE_URL", "http://localhost:" + inferless.port()));
        env.putAll(extra);
        PackagedDaemon daemon = PackagedDaemon.start(env);
        daemons.add(daemon);
        return daemon;
    }

    private static void awaitReady(PackagedDaemon daemon) throws Exception {
        var answer = daemon.awaitReadiness(Duration.ofSeconds(90));
        assertNotNull(answer, "no answer on /q/health/ready; output:\n" + daemon.output());
        assertEquals(200, answer.statusCode(), answer.body() + "\n" + daemon.output());
    }

    private void stubInferless(int delayMillis) {
        inferless.resetAll();
        inferless.stubFor(post(SETTINGS).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"success\"}")
                .withFixedDelay(delayMillis)));
    }

    /** The instance of the first open intent that appears: a change in flight. */
    private static String awaitOpenIntentInstance(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            List<String> open = column("SELECT instance_id FROM audit_entry WHERE outcome IS NULL LIMIT 1");
            if (!open.isEmpty()) {
                return open.get(0);
            }
            Thread.sleep(10); // watching the database of running processes
        }
        throw new AssertionError("no change was in flight within " + timeout);
    }

    /** "model instant" for every planned transition in [from, to), from the policy engine itself. */
    private List<String> transitions(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return List.of();
        }
        PolicySet set = PolicySet.of(new PolicyLoader(policies, from).loadDirectory().policies());
        return set.timeline(from, to).stream().map(t -> t.modelId() + " " + t.at()).collect(Collectors.toList());
    }

    private static void assertRequestsConform(List<LoggedRequest> calls) {
        for (LoggedRequest call : calls) {
            var report = InferlessSpec.validate(call.getMethod().getName(), call.getUrl(),
                    call.getHeader("Authorization"), call.getBodyAsString());
            assertFalse(report.hasErrors(), call.getBodyAsString() + ": " + report.getMessages());
        }
    }

    private static void sleepUntil(Instant instant) throws InterruptedException {
        long millis = Duration.between(Instant.now(), instant).toMillis();
        if (millis > 0) {
            Thread.sleep(millis); // real processes on real time: the schedule sets the pace
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(PackagedDaemon.TEST_DB, "scaler", "scaler");
    }

    private static List<String> column(String query) throws SQLException {
        try (Connection c = connect(); ResultSet rows = c.createStatement().executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
