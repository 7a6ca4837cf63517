package com.scheduledscaler.deploy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.scheduledscaler.config.ScalerConfig;
import io.smallrye.config.WithDefault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * deploy/docker-compose.yml, the manifests of deploy/kubernetes/ and the Dockerfile parse, have the
 * expected shape, set only configuration keys the application has, and ship exactly the policies of policies/.
 */
class DeploymentFilesTest {

    private static final Path COMPOSE = Path.of("deploy/docker-compose.yml");
    private static final Path KUBERNETES = Path.of("deploy/kubernetes");
    private static final Path DOCKERFILE = Path.of("Dockerfile");
    private static final Path POLICIES = Path.of("policies");
    private static final int HTTP_PORT = 8080;
    private static final Path APPLICATION_PROPERTIES = Path.of("src/main/resources/application.properties");
    private static final YAMLMapper YAML = new YAMLMapper();

    private final ApplicationEnvironment application;

    DeploymentFilesTest() throws IOException {
        application = ApplicationEnvironment.of(ScalerConfig.class, APPLICATION_PROPERTIES);
    }

    // --- The application's keys ---------------------------------------------------------------------

    @Test
    void knowsEveryVariableTheReadmeDocuments() throws IOException {
        List<String> documented = Files.readAllLines(Path.of("README.md")).stream()
                .filter(line -> line.startsWith("| `"))
                .map(line -> line.split("\\|")[2].strip().replace("`", ""))
                .filter(ApplicationEnvironment::looksLikeConfiguration)
                .toList();
        assertTrue(documented.size() >= 20, "the README's configuration table: " + documented);
        assertEquals(List.of(), application.unknown(documented));
    }

    @Test
    void doesNotKnowAMisspelledKey() {
        assertTrue(application.knows("SCALER_INFERLESS_READ_TIMEOUT"));
        assertEquals(List.of("QUARKUS_DATASOURCE_URL", "SCALER_DRYRUN", "SCALER_INFERLESS_READTIMEOUT"),
                application.unknown(List.of("SCALER_INFERLESS_READTIMEOUT", "SCALER_DRYRUN",
                        "QUARKUS_DATASOURCE_URL", "INFERLESS_API_KEY", "POSTGRES_PASSWORD")));
    }

    // --- Docker ------------------------------------------------------------------------------------

    @Test
    void dockerfileUsesOnlyKeysTheApplicationHas() throws IOException {
        List<String> names = Files.readAllLines(DOCKERFILE).stream()
                .filter(line -> line.startsWith("ENV "))
                .flatMap(line -> Stream.of(line.substring(4).strip().split("\\s+")))
                .map(assignment -> assignment.split("=", 2)[0])
                .toList();
        assertTrue(names.contains("SCALER_POLICIES_DIR"), "Dockerfile ENV: " + names);
        assertEquals(List.of(), application.unknown(names), "Dockerfile ENV");
    }

    @Test
    void composeRunsPostgresAndTheDaemonBuiltFromTheDockerfile() {
        JsonNode services = compose().path("services");
        assertTrue(services.path("db").path("image").asText().startsWith("postgres:15"), "db image");
        JsonNode scaler = services.path("scaler");
        String context = scaler.path("build").isTextual() ? scaler.path("build").asText()
                : scaler.path("build").path("context").asText();
        assertTrue(Files.isRegularFile(COMPOSE.getParent().resolve(context).resolve("Dockerfile")), "build context " + context);
        assertTrue(publishedContainerPorts(scaler).contains(HTTP_PORT), "scaler ports " + scaler.path("ports"));
        assertTrue(scaler.path("depends_on").has("db"), "scaler depends on db");
    }

    @Test
    void composeChecksReadinessAndMountsThePoliciesReadOnly() {
        JsonNode scaler = compose().path("services").path("scaler");
        Map<String, String> environment = composeEnvironment(scaler);
        assertTrue(scaler.path("healthcheck").path("test").toString().contains("/q/health/ready"), "healthcheck");
        assertTrue(environment.get("INFERLESS_API_KEY").startsWith("${INFERLESS_API_KEY"), "API key from the environment");
        String mount = "../policies:" + environment.get("SCALER_POLICIES_DIR") + ":ro";
        assertTrue(texts(scaler.path("volumes")).contains(mount), "volumes should hold " + mount);
    }

    @Test
    void composeUsesOnlyKeysTheApplicationHas() {
        List<String> names = new ArrayList<>();
        compose().path("services").forEach(service -> names.addAll(composeEnvironment(service).keySet()));
        assertTrue(names.contains("QUARKUS_DATASOURCE_JDBC_URL"), "compose environment: " + names);
        assertEquals(List.of(), application.unknown(names), COMPOSE.toString());
    }

    // --- Kubernetes --------------------------------------------------------------------------------

    @Test
    void everyDeploymentFileParsesIntoObjectsWithAKind() {
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertTrue(compose().has("services"), COMPOSE.toString()));
        for (Path file : kubernetesFiles()) {
            checks.add(() -> {
                List<JsonNode> documents = documents(file);
                assertFalse(documents.isEmpty(), file + " is empty");
                documents.forEach(d -> assertTrue(d.path("apiVersion").isTextual() && d.path("kind").isTextual(),
                        file + ": a document without apiVersion or kind"));
            });
        }
        assertAll(checks);
    }

    @Test
    void kubernetesHoldsDeploymentServicePoliciesAndSecretExample() {
        Set<String> kinds = new TreeSet<>();
        manifests().forEach(m -> kinds.add(m.kind() + "/" + m.name()));
        assertTrue(kinds.containsAll(Set.of("Deployment/scheduled-scaler", "Service/scheduled-scaler",
                "ConfigMap/scaler-policies", "ConfigMap/scaler-calendars", "Secret/scaler-secrets")), kinds.toString());
    }

    @Test
    void kustomizationListsEveryManifestButTheSecretExample() {
        JsonNode kustomization = manifest("Kustomization", null).body();
        Set<String> listed = new TreeSet<>(texts(kustomization.path("resources")));
        Set<String> expected = new TreeSet<>();
        kubernetesFiles().stream().map(f -> f.getFileName().toString())
                .filter(name -> !name.equals("kustomization.yaml") && !name.startsWith("secret-example"))
                .forEach(expected::add);
        assertEquals(expected, listed);
    }

    @Test
    void deploymentRunsTwoReplicasAndRollsWithoutAGap() {
        JsonNode spec = deployment().path("spec");
        assertEquals(2, spec.path("replicas").asInt(), "two instances: one takes over when the other dies");
        assertEquals("RollingUpdate", spec.path("strategy").path("type").asText(), "instances share one database safely");
        assertEquals(0, spec.path("strategy").path("rollingUpdate").path("maxUnavailable").asInt(), "never fewer than two");
    }

    @Test
    void podsAndContainersAreGivenTimeForTheShutdownGrace() throws Exception {
        // The daemon's own shutdown: scaler.reconcile.shutdown-grace, then quarkus.quartz.shutdown-wait-time.
        Duration grace = configDuration(ScalerConfig.Reconcile.class.getMethod("shutdownGrace")
                .getAnnotation(WithDefault.class).value());
        Duration quartzWait = configDuration(applicationProperty("quarkus.quartz.shutdown-wait-time"));
        long needed = grace.plus(quartzWait).toSeconds();
        assertTrue(needed >= 20, "shutdown grace " + grace + " + Quartz wait " + quartzWait);
        JsonNode pod = deployment().path("spec").path("template").path("spec");
        assertTrue(pod.path("terminationGracePeriodSeconds").asInt(30) > needed, "terminationGracePeriodSeconds " + pod);
        String composeGrace = compose().path("services").path("scaler").path("stop_grace_period").asText("10s");
        assertTrue(configDuration(composeGrace).toSeconds() > needed, "stop_grace_period " + composeGrace);
    }

    /** A duration in the short form of Quarkus and Compose ({@code 20s}, {@code 5m}). */
    private static Duration configDuration(String text) {
        return Duration.parse("PT" + text.trim().toUpperCase(Locale.ROOT));
    }

    private static String applicationProperty(String key) throws IOException {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(APPLICATION_PROPERTIES)) {
            properties.load(reader);
        }
        String value = properties.getProperty(key);
        assertTrue(value != null, key + " is not in " + APPLICATION_PROPERTIES);
        return value;
    }

    @Test
    void deploymentProbesLiveAndReadyAndStartedOnPort8080() {
        JsonNode container = daemonContainer();
        assertTrue(texts(container.path("ports").findValues("containerPort")).contains(String.valueOf(HTTP_PORT)));
        assertProbe(container, "livenessProbe", "/q/health/live");
        assertProbe(container, "readinessProbe", "/q/health/ready");
        assertProbe(container, "startupProbe", "/q/health/started");
        assertTrue(container.path("resources").path("requests").has("memory"), "memory request");
        assertTrue(container.path("resources").path("limits").has("memory"), "memory limit");
    }

    @Test
    void serviceSendsPort8080ToTheDaemonPods() {
        JsonNode service = manifest("Service", "scheduled-scaler").body().path("spec");
        JsonNode podLabels = deployment().path("spec").path("template").path("metadata").path("labels");
        service.path("selector").fields().forEachRemaining(label ->
                assertEquals(label.getValue(), podLabels.path(label.getKey()), "selector " + label.getKey()));
        JsonNode port = service.path("ports").get(0);
        assertEquals(HTTP_PORT, port.path("port").asInt());
        assertEquals(HTTP_PORT, containerPort(daemonContainer(), port.path("targetPort")));
    }

    @Test
    void deploymentTakesItsEnvironmentFromObjectsInTheManifests() {
        JsonNode container = daemonContainer();
        assertEquals(2, container.path("envFrom").size(), "a ConfigMap and a Secret");
        container.path("envFrom").forEach(source -> assertFalse(environmentSource(source).isEmpty(), source.toString()));
    }

    @Test
    void kubernetesUsesOnlyKeysTheApplicationHas() {
        List<String> names = new ArrayList<>();
        for (Manifest workload : manifests().stream().filter(m -> m.body().at("/spec/template/spec").isObject()).toList()) {
            JsonNode pod = workload.body().at("/spec/template/spec");
            for (JsonNode container : concat(pod.path("containers"), pod.path("initContainers"))) {
                container.path("env").forEach(variable -> names.add(variable.path("name").asText()));
                container.path("envFrom").forEach(source -> names.addAll(environmentSource(source).keySet()));
            }
        }
        assertTrue(names.containsAll(List.of("INFERLESS_API_KEY", "QUARKUS_DATASOURCE_JDBC_URL", "SCALER_POLICIES_DIR")), names.toString());
        assertEquals(List.of(), application.unknown(names), KUBERNETES.toString());
    }

    @Test
    void policiesConfigMapHoldsExactlyThePolicyFilesTheDaemonReads() throws IOException {
        Map<String, String> shipped = policyFiles();
        Map<String, String> mounted = mountedPolicies();
        assertEquals(shipped.keySet(), mounted.keySet(), "files under SCALER_POLICIES_DIR in the pod vs policies/");
        shipped.forEach((file, content) -> assertEquals(content, mounted.get(file),
                "deploy/kubernetes/configmap-policies.yaml: " + file + " differs from policies/" + file));
    }

    // --- Reading the files -------------------------------------------------------------------------

    private record Manifest(Path file, JsonNode body) {
        String kind() {
            return body.path("kind").asText();
        }

        String name() {
            return body.path("metadata").path("name").asText(null);
        }
    }

    private static List<JsonNode> documents(Path file) {
        try (MappingIterator<JsonNode> iterator = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            return iterator.readAll().stream().filter(d -> d != null && !d.isMissingNode() && !d.isNull()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(file + " does not parse: " + e.getMessage(), e);
        }
    }

    private static JsonNode compose() {
        return documents(COMPOSE).get(0);
    }

    private static List<Path> kubernetesFiles() {
        try (Stream<Path> files = Files.walk(KUBERNETES)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Manifest> manifests() {
        return kubernetesFiles().stream().flatMap(f -> documents(f).stream().map(d -> new Manifest(f, d))).toList();
    }

    /** The one manifest of that kind (and name, unless null); fails when there is none or several. */
    private static Manifest manifest(String kind, String name) {
        List<Manifest> found = manifests().stream()
                .filter(m -> m.kind().equals(kind) && (name == null || name.equals(m.name())))
                .toList();
        assertEquals(1, found.size(), kind + " " + name + " in " + KUBERNETES);
        return found.get(0);
    }

    private static JsonNode deployment() {
        return manifest("Deployment", "scheduled-scaler").body();
    }

    private static JsonNode daemonContainer() {
        JsonNode containers = deployment().at("/spec/template/spec/containers");
        assertEquals(1, containers.size(), "one container");
        return containers.get(0);
    }

    /** The ConfigMap or Secret an {@code envFrom} entry names, as variable name to value. */
    private static Map<String, String> environmentSource(JsonNode source) {
        boolean configMap = source.has("configMapRef");
        String name = source.path(configMap ? "configMapRef" : "secretRef").path("name").asText();
        JsonNode body = manifest(configMap ? "ConfigMap" : "Secret", name).body();
        Map<String, String> variables = new TreeMap<>();
        for (String field : List.of("data", "stringData")) {
            body.path(field).fields().forEachRemaining(e -> variables.put(e.getKey(), e.getValue().asText()));
        }
        return variables;
    }

    private static Map<String, String> composeEnvironment(JsonNode service) {
        Map<String, String> variables = new TreeMap<>();
        JsonNode environment = service.path("environment");
        if (environment.isArray()) {
            environment.forEach(e -> {
                String[] assignment = e.asText().split("=", 2);
                variables.put(assignment[0], assignment.length > 1 ? assignment[1] : "");
            });
        } else {
            environment.fields().forEachRemaining(e -> variables.put(e.getKey(), e.getValue().asText()));
        }
        return variables;
    }

    private static Set<Integer> publishedContainerPorts(JsonNode service) {
        Set<Integer> ports = new TreeSet<>();
        service.path("ports").forEach(port -> ports.add(port.isObject() ? port.path("target").asInt()
                : Integer.parseInt(port.asText().substring(port.asText().lastIndexOf(':') + 1).split("/")[0])));
        return ports;
    }

    private static void assertProbe(JsonNode container, String probe, String path) {
        JsonNode get = container.path(probe).path("httpGet");
        assertEquals(path, get.path("path").asText(), probe + " path");
        assertEquals(HTTP_PORT, containerPort(container, get.path("port")), probe + " port");
    }

    /** A port given as a number or as the name of one of the container's ports. */
    private static int containerPort(JsonNode container, JsonNode port) {
        if (port.canConvertToInt()) {
            return port.asInt();
        }
        for (JsonNode declared : container.path("ports")) {
            if (declared.path("name").asText().equals(port.asText())) {
                return declared.path("containerPort").asInt();
            }
        }
        return -1;
    }

    /** What the daemon sees under SCALER_POLICIES_DIR in the pod: relative path to content. */
    private static Map<String, String> mountedPolicies() {
        JsonNode container = daemonContainer();
        String policiesDir = null;
        for (JsonNode variable : container.path("env")) {
            if (variable.path("name").asText().equals("SCALER_POLICIES_DIR")) {
                policiesDir = variable.path("value").asText();
            }
        }
        String volume = null;
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals(policiesDir)) {
                volume = mount.path("name").asText();
            }
        }
        assertTrue(volume != null, "a volume mounted at SCALER_POLICIES_DIR " + policiesDir);
        Map<String, String> files = new TreeMap<>();
        for (JsonNode declared : deployment().at("/spec/template/spec/volumes")) {
            if (declared.path("name").asText().equals(volume)) {
                List<JsonNode> sources = declared.has("configMap") ? List.of(declared)
                        : concat(declared.path("projected").path("sources"));
                sources.stream().filter(source -> source.has("configMap"))
                        .forEach(source -> addConfigMapFiles(source.path("configMap"), files));
            }
        }
        return files;
    }

    private static void addConfigMapFiles(JsonNode reference, Map<String, String> files) {
        JsonNode data = manifest("ConfigMap", reference.path("name").asText()).body().path("data");
        if (reference.has("items")) {
            reference.path("items").forEach(item -> files.put(item.path("path").asText(), data.path(item.path("key").asText()).asText(null)));
        } else {
            data.fields().forEachRemaining(e -> files.put(e.getKey(), e.getValue().asText()));
        }
    }

    /** The files of policies/ the daemon reads: the YAML files at the top, the calendars below. */
    private static Map<String, String> policyFiles() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(POLICIES)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String relative = POLICIES.relativize(file).toString().replace('\\', '/');
                boolean policy = (relative.endsWith(".yaml") || relative.endsWith(".yml")) && !relative.contains("/");
                if (policy || relative.endsWith(".ics")) {
                    files.put(relative, Files.readString(file));
                }
            }
        }
        return files;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static List<String> texts(List<JsonNode> nodes) {
        return nodes.stream().map(JsonNode::asText).toList();
    }

    private static List<JsonNode> concat(JsonNode... arrays) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode array : arrays) {
            array.forEach(all::add);
        }
        return all;
    }
}
