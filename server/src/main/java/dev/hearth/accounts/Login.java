package dev.hearth.accounts;

import dev.hearth.error.HearthException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A user's login, valid by construction: GitHub's rule (letters, digits and single hyphens, not
 * at either end, at most 39). New accounts also keep clear of {@link #RESERVED} ({@link #available}).
 */
public record Login(String value) {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}");
    /**
     * Names that top-level web paths take, now or soon (pages, API, health, well-known files):
     * no user or organisation may be called so, or its page would hide the route or the reverse.
     */
    public static final Set<String> RESERVED = Set.of(
            "about", "account", "admin", "api", "assets", "dashboard", "explore", "favicon.ico", "ghost", "git",
            "healthz", "help", "issues", "login", "logout", "metrics", "new", "notifications", "oauth",
            "organizations", "orgs", "pulls", "raw", "readyz", "repos", "robots.txt", "search", "sessions",
            "settings", "signup", "site", "sitemap.xml", "static", "teams", "user", "users", ".well-known");

    public Login {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw HearthException.invalid("login",
                    "use 1 to 39 letters, digits or single hyphens, not starting or ending with a hyphen");
        }
    }

    /** A login that a new user or organisation may take: 422 for a reserved one. */
    public static Login available(String value) {
        Login login = new Login(value);
        if (RESERVED.contains(login.lower())) {
            throw HearthException.invalid("login", "'" + value + "' is reserved for Hearth's own pages; choose another");
        }
        return login;
    }

    public String lower() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
