package com.scheduledscaler.deploy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables the application answers to: the environment form of every key of a
 * {@code @ConfigMapping} interface, of every {@code quarkus.*} key of application.properties and of a
 * few standard Quarkus keys, plus the variables application.properties reads itself ({@code ${NAME:}}).
 */
final class ApplicationEnvironment {

    /** Standard Quarkus keys a deployment may set although application.properties does not. */
    static final List<String> STANDARD_QUARKUS_KEYS = List.of(
            "quarkus.datasource.jdbc.url", "quarkus.datasource.username", "quarkus.datasource.password",
            "quarkus.http.port", "quarkus.log.level");

    private static final Pattern CONFIG_LIKE = Pattern.compile("(SCALER|QUARKUS|INFERLESS)_\\w+");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern PROFILE = Pattern.compile("^%[\\w-]+\\.");

    private final Set<String> names;

    private ApplicationEnvironment(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    static ApplicationEnvironment of(Class<?> configMapping, Path applicationProperties) throws IOException {
        Set<String> names = new TreeSet<>();
        mappingKeys(configMapping).forEach(key -> names.add(environmentName(key)));
        STANDARD_QUARKUS_KEYS.forEach(key -> names.add(environmentName(key)));
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(applicationProperties)) {
            properties.load(reader);
        }
        for (String key : properties.stringPropertyNames()) {
            String unprofiled = PROFILE.matcher(key).replaceFirst("");
            if (unprofiled.startsWith("quarkus.")) {
                names.add(environmentName(unprofiled));
            }
            Matcher reference = REFERENCE.matcher(properties.getProperty(key));
            while (reference.find()) {
                names.add(reference.group(1));
            }
        }
        return new ApplicationEnvironment(names);
    }

    /** True for names that are meant as configuration: {@code SCALER_*}, {@code QUARKUS_*}, {@code INFERLESS_*}. */
    static boolean looksLikeConfiguration(String name) {
        return CONFIG_LIKE.matcher(name).matches();
    }

    boolean knows(String name) {
        return names.contains(name);
    }

    /** The configuration-like names among the given ones that the application does not have, sorted. */
    List<String> unknown(Collection<String> given) {
        return given.stream()
                .filter(ApplicationEnvironment::looksLikeConfiguration)
                .filter(name -> !knows(name))
                .sorted()
                .distinct()
                .toList();
    }

    /** The Quarkus convention: upper case, everything but letters and digits becomes {@code _}. */
    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** Every leaf key of the mapping, e.g. {@code scaler.inferless.read-timeout} for {@code inferless().readTimeout()}. */
    static Set<String> mappingKeys(Class<?> configMapping) {
        Set<String> keys = new TreeSet<>();
        collectKeys(configMapping.getAnnotation(ConfigMapping.class).prefix(), configMapping, keys);
        return keys;
    }

    private static void collectKeys(String prefix, Class<?> group, Set<String> keys) {
        for (Method method : group.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            String key = prefix + "." + keyName(method);
            if (isGroup(method.getReturnType())) {
                collectKeys(key, method.getReturnType(), keys);
            } else {
                keys.add(key);
            }
        }
    }

    private static boolean isGroup(Class<?> type) {
        return type.isInterface() && !type.getName().startsWith("java.");
    }

    private static String keyName(Method method) {
        WithName name = method.getAnnotation(WithName.class);
        return name != null ? name.value()
                : method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
