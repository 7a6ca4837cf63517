package com.scheduledscaler.inferless;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.scheduledscaler.config.ScalerConfig;
import com.scheduledscaler.policy.Settings;
import io.github.bucket4j.Bucket;
import io.quarkus.logging.Log;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.inject.Singleton;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The daemon's only way to Inferless. It adds to the bare REST client: connect and read timeouts,
 * a concurrency bound and a rate limit across all calls, retries with backoff and jitter for 5xx, 429
 * (honouring {@code Retry-After}) and timeouts, one classification of every answer into success or an
 * {@link InferlessException}, and dry-run. The API key goes into the {@code Authorization} header and
 * nowhere else.
 */
@Singleton
public class InferlessClient {

    private static final int MAX_DETAILS = 300;

    private final InferlessApi api;
    private final ScalerConfig.Inferless config;
    private final DryRunMode dryRun;
    private final CredentialsStatus credentials;
    private final ObjectMapper json;
    private final Clock clock;
    private final Bucket rateLimit;
    private final TypedGuard<JsonNode> guard;
    private final String apiKey;

    InferlessClient(ScalerConfig scaler, DryRunMode dryRun, CredentialsStatus credentials, ObjectMapper json, Clock clock) {
        this.config = scaler.inferless();
        this.dryRun = dryRun;
        this.credentials = credentials;
        this.json = json;
        this.clock = clock;
        this.apiKey = config.apiKey().filter(key -> !key.isBlank()).orElse(null);
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(config.baseUrl()))
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .property("microprofile.rest.client.disable.default.mapper", true)
                .register((ClientRequestFilter) request -> {
                    if (apiKey != null) {
                        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey);
                    }
                })
                .build(InferlessApi.class);
        this.rateLimit = Bucket.builder()
                .addLimit(limit -> limit.capacity(config.rateLimitPerSecond())
                        .refillGreedy(config.rateLimitPerSecond(), Duration.ofSeconds(1)))
                .build();
        this.guard = TypedGuard.create(JsonNode.class)
                .withRetry()
                    .maxRetries(config.maxRetries())
                    .delay(config.initialBackoff().toMillis(), ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS)
                    .maxDuration(Long.MAX_VALUE / 2, ChronoUnit.MILLIS)
                    .whenException(e -> e instanceof InferlessException failure && failure.retryable())
                    .beforeRetry((Throwable e) -> Log.debugf("Inferless call failed, retrying: %s", e.getMessage()))
                    .withCustomBackoff()
                        .strategy(() -> new RetryBackoff(config.initialBackoff(), config.maxBackoff()))
                        .done()
                    .done()
                .withBulkhead()
                    .limit(config.concurrency())
                    .queueSize(100_000)
                    .enableSynchronousQueueing()
                    .done()
                .build();
    }

    /**
     * Sends {@code settings} (only the fields it sets) for {@code modelId}; in dry-run sends nothing.
     *
     * @throws CredentialsRejectedException on 401
     * @throws InferlessException on any other failure, after the retries that apply
     */
    public SettingsUpdate updateSettings(String modelId, Settings settings) {
        if (dryRun.active()) {
            return SettingsUpdate.notSent();
        }
        var request = new ModelSettingsUpdateRequest(modelId, settings);
        long start = System.nanoTime();
        AtomicInteger attempts = new AtomicInteger();
        JsonNode answer = call("settings update of model '" + modelId + "'", attempts, () -> api.updateSettings(request));
        return new SettingsUpdate(true, attempts.get(), Duration.ofNanos(System.nanoTime() - start),
                redact(answer.path("details").asText("")));
    }

    /**
     * Reads a model's runtime logs over [from, to], following {@code next_token} up to the configured
     * number of pages. Works in dry-run too (it changes nothing) as long as an API key is configured.
     */
    public ModelLogs logs(String modelId, Instant from, Instant to, boolean lessLogs) {
        String operation = "logs read of model '" + modelId + "'";
        if (apiKey == null) {
            throw new InferlessException(operation + " needs an API key: set INFERLESS_API_KEY", 0, false, null, null);
        }
        List<LogEntry> entries = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            var request = new ModelLogsGetRequest(modelId, from.toString(), to.toString(), lessLogs, token);
            JsonNode page = call(operation, new AtomicInteger(), () -> api.getLogs(request));
            pages++;
            for (JsonNode line : page.path("details")) {
                entries.add(new LogEntry(line.path("time").asText(null), line.path("log").asText(""),
                        line.path("stream").asText(null)));
            }
            token = page.path("next_token").asText("");
            token = token.isBlank() ? null : token;
        } while (token != null && pages < config.logsMaxPages());
        return new ModelLogs(entries, pages, token != null);
    }

    private JsonNode call(String operation, AtomicInteger attempts, Supplier<Response> send) {
        try {
            JsonNode answer = guard.get(() -> {
                attempts.incrementAndGet();
                takeRateLimitToken();
                return attempt(operation, send);
            });
            credentials.accepted();
            return answer;
        } catch (InferlessException failure) {
            failure.recordAttempts(attempts.get());
            if (failure instanceof CredentialsRejectedException) {
                credentials.rejected();
            }
            throw failure;
        }
    }

    private void takeRateLimitToken() {
        try {
            rateLimit.asBlocking().consume(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InferlessException("Interrupted while waiting to send", 0, false, null, e);
        }
    }

    private JsonNode attempt(String operation, Supplier<Response> send) {
        try (Response response = send.get()) {
            int status = response.getStatus();
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            if (status == 401) {
                throw new CredentialsRejectedException(operation);
            }
            if (status == 429 || status >= 500) {
                throw new InferlessException("Inferless answered HTTP " + status + " to " + operation + describe(body),
                        status, true, RetryAfter.parse(response.getHeaderString(HttpHeaders.RETRY_AFTER), clock).orElse(null), null);
            }
            if (status < 200 || status >= 300) {
                throw new InferlessException("Inferless refused " + operation + " with HTTP " + status + describe(body),
                        status, false, null, null);
            }
            JsonNode answer = parse(operation, status, body);
            String outcome = answer.path("status").asText("");
            if (!"success".equals(outcome)) {
                throw new InferlessException("Inferless answered " + operation + " with status '" + outcome + "'"
                        + describe(answer.path("details").toString()), status, false, null, null);
            }
            return answer;
        } catch (ProcessingException noAnswer) {
            String what = isTimeout(noAnswer)
                    ? "no answer within " + config.readTimeout().toMillis() + " ms"
                    : "could not reach " + config.baseUrl() + " (" + rootMessage(noAnswer) + ")";
            throw new InferlessException("Inferless " + operation + " failed: " + what, 0, true, null, null);
        }
    }

    private JsonNode parse(String operation, int status, String body) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InferlessException("Inferless answered " + operation + " with HTTP " + status
                    + " and a body that is not JSON" + describe(body), status, false, null, null);
        }
    }

    private String describe(String details) {
        String text = redact(details).strip();
        if (text.isEmpty() || text.equals("\"\"") || text.equals("null")) {
            return "";
        }
        return ": " + (text.length() > MAX_DETAILS ? text.substring(0, MAX_DETAILS) + "…" : text);
    }

    /** The API key never leaves this class, even if an answer echoes it back. */
    private String redact(String text) {
        return apiKey == null || text == null ? text : text.replace(apiKey, "***");
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof java.net.SocketTimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
