package dev.hearth.accounts;

import dev.hearth.error.HearthException;
import java.util.Locale;
import java.util.Set;

/** What makes a password acceptable: long enough, not the login, not a well-known one. */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 1024;
    private static final Set<String> COMMON = Set.of(
            "password", "password1", "password123", "12345678", "123456789", "1234567890",
            "qwertyui", "qwerty123", "iloveyou", "11111111", "00000000", "abcdefgh",
            "letmein1", "sunshine", "princess", "football", "baseball", "welcome1", "admin123",
            "passw0rd", "changeme", "trustno1", "hearth123");

    private PasswordPolicy() {}

    public static void check(String password, String login) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw HearthException.invalid("password", "must have at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw HearthException.invalid("password", "must have at most " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) {
            throw HearthException.invalid("password", "is one of the most common passwords");
        }
        if (login != null && lower.contains(login.toLowerCase(Locale.ROOT))) {
            throw HearthException.invalid("password", "must not contain the login");
        }
        if (password.chars().distinct().count() < 4) {
            throw HearthException.invalid("password", "needs at least 4 different characters");
        }
    }
}
