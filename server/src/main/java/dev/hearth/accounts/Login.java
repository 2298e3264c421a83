package dev.hearth.accounts;

import dev.hearth.error.HearthException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A user's login, valid by construction: GitHub's rule (letters, digits and single hyphens, not
 * at either end, at most 39) minus a few names that top-level web paths need.
 */
public record Login(String value) {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}");
    private static final Set<String> RESERVED = Set.of(
            "api", "assets", "explore", "healthz", "readyz", "login", "logout", "new", "oauth",
            "settings", "static", "user", "users", "repos", "raw", "metrics", "ghost");

    public Login {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw HearthException.invalid("login",
                    "use 1 to 39 letters, digits or single hyphens, not starting or ending with a hyphen");
        }
        if (RESERVED.contains(value.toLowerCase(Locale.ROOT))) {
            throw HearthException.invalid("login", "'" + value + "' is reserved");
        }
    }

    public String lower() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
