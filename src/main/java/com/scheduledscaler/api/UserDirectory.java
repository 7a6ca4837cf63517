package com.scheduledscaler.api;

import com.scheduledscaler.config.ScalerConfig;
import io.quarkus.logging.Log;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.util.ModularCrypt;

/**
 * The admin API's users: those configured with a bcrypt hash, and the first admin from
 * {@code SCALER_ADMIN_USERNAME} / {@code SCALER_ADMIN_PASSWORD}. Checks a password, gives the roles.
 */
@Singleton
class UserDirectory {

    private record Account(Optional<Password> bcrypt, byte[] adminPasswordDigest, Set<String> roles) {}

    private static final WildFlyElytronPasswordProvider PROVIDER = WildFlyElytronPasswordProvider.getInstance();

    private final Map<String, Account> accounts = new HashMap<>();

    UserDirectory(ScalerConfig config) {
        config.users().forEach((name, user) -> accounts.put(name,
                new Account(Optional.of(decode(name, user.passwordHash())), null, Roles.expand(user.roles()))));
        if (config.adminUsername().isPresent() && config.adminPassword().filter(p -> !p.isBlank()).isPresent()) {
            accounts.put(config.adminUsername().get(), new Account(Optional.empty(),
                    sha256(config.adminPassword().get()), Roles.expand(List.of(Roles.ADMIN))));
        }
        if (accounts.isEmpty()) {
            Log.warn("No admin API users: set SCALER_ADMIN_USERNAME and SCALER_ADMIN_PASSWORD, or scaler.users.*");
        }
    }

    /** The user's roles when the password is right. */
    Optional<Set<String>> authenticate(String username, char[] password) {
        Account account = accounts.get(username);
        if (account == null) {
            return Optional.empty();
        }
        boolean valid = account.bcrypt().isPresent()
                ? verify(account.bcrypt().get(), password)
                : MessageDigest.isEqual(account.adminPasswordDigest(), sha256(new String(password)));
        return valid ? Optional.of(account.roles()) : Optional.empty();
    }

    private static Password decode(String name, String hash) {
        try {
            return PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, PROVIDER)
                    .translate(ModularCrypt.decode(hash));
        } catch (Exception e) {
            throw new IllegalArgumentException("scaler.users." + name + ".password-hash is not a bcrypt hash ($2a$...)");
        }
    }

    private static boolean verify(Password stored, char[] password) {
        try {
            return PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, PROVIDER).verify(stored, password);
        } catch (Exception e) {
            return false;
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
