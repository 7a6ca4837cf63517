package com.scheduledscaler.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the daemon, under the prefix {@code scaler}. Each key can be overridden by an
 * environment variable in the usual Quarkus way ({@code scaler.dry-run} by {@code SCALER_DRY_RUN});
 * the Inferless key and URL also answer to {@code INFERLESS_API_KEY} and {@code INFERLESS_BASE_URL}.
 */
@ConfigMapping(prefix = "scaler")
public interface ScalerConfig {

    /** Folder holding the policy YAML files and their {@code calendars/}. */
    @WithDefault("policies")
    String policiesDir();

    /** When true nothing is sent to Inferless; decisions are still computed and audited as DRY_RUN. */
    @WithDefault("false")
    boolean dryRun();

    /** The Inferless management API. */
    Inferless inferless();

    /** A first admin of the admin API, from the environment ({@code SCALER_ADMIN_USERNAME}). */
    Optional<String> adminUsername();

    /** The first admin's password ({@code SCALER_ADMIN_PASSWORD}); kept in memory only, never logged. */
    Optional<String> adminPassword();

    /**
     * Users of the admin API by name: {@code scaler.users.<name>.password-hash} (bcrypt, {@code $2a$...})
     * and {@code scaler.users.<name>.roles} ({@code auditor}, {@code operator} or {@code admin}).
     */
    Map<String, User> users();

    interface User {

        /** The bcrypt hash of the password, never the password itself. */
        String passwordHash();

        /** Roles; {@code admin} includes {@code operator}, which includes {@code auditor}. */
        List<String> roles();
    }

    /**
     * Hourly price of one replica per machine type ({@code scaler.pricing.T4=0.5}), for the cost in the
     * capacity report; a machine type without a price has no cost there.
     */
    Map<String, Double> pricing();

    /** When and how the daemon compares desired with applied settings. */
    Reconcile reconcile();

    interface Reconcile {

        /** Complete unfinished intents and catch up at start-up (tests switch it off to drive time). */
        @WithDefault("true")
        boolean atStartup();

        /** Period of the safety reconcile of every model ({@code off} disables it). */
        @WithDefault("60s")
        String safetyInterval();

        /** Period of the check for changed policy files and operator controls ({@code off} disables it). */
        @WithDefault("5s")
        String policyPollInterval();

        /**
         * Period of the check, on every instance, for changes that instances which left the cluster
         * left unfinished ({@code off} disables it; every reconcile checks too).
         */
        @WithDefault("2s")
        String orphanSweepInterval();

        /** Wait before the first retry of a model whose change failed; doubled per failure. */
        @WithDefault("10s")
        Duration retryInitialBackoff();

        /** Longest wait between two retries of a failing model (and between two probes of a rejected key). */
        @WithDefault("10m")
        Duration retryMaxBackoff();

        /**
         * At shutdown, how long changes in flight may take to finish; any still open after it stay
         * open intents, which another instance (or the next start) completes.
         */
        @WithDefault("20s")
        Duration shutdownGrace();

        /** How long a scheduled reconcile waits for the changes it started before its Quartz job ends. */
        @WithDefault("5m")
        Duration callDeadline();
    }

    interface Inferless {

        /** Workspace API key, sent as a Bearer token. Absent means dry-run. Never logged. */
        Optional<String> apiKey();

        /** Base URL of the management API. */
        @WithDefault("https://api.inferless.com")
        String baseUrl();

        /** Time allowed to open a connection. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** Time allowed to wait for a response once the request is sent. */
        @WithDefault("30s")
        Duration readTimeout();

        /** Retries after the first attempt for 5xx, 429 and timeouts (other 4xx are never retried). */
        @WithDefault("3")
        int maxRetries();

        /** First retry delay; doubled on every further retry, with jitter, up to {@link #maxBackoff()}. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** Longest delay between two attempts, also the cap on an honoured {@code Retry-After}. */
        @WithDefault("60s")
        Duration maxBackoff();

        /** Calls in flight at once; further calls wait for a free slot. */
        @WithDefault("8")
        int concurrency();

        /** Calls started per second at most, across all models. */
        @WithDefault("10")
        int rateLimitPerSecond();

        /** Pages of logs followed through {@code next_token} before a read stops (and says it was cut). */
        @WithDefault("20")
        int logsMaxPages();
    }
}
