package dev.hearth.accounts;

import dev.hearth.error.HearthException;
import java.util.EnumSet;
import java.util.Set;

/** What a personal access token may do; a password sign-in may do all of it. */
public enum Scope {
    REPO("repo"),
    READ_REPO("read:repo"),
    DELETE_REPO("delete_repo"),
    ADMIN_REPO_HOOK("admin:repo_hook"),
    ADMIN_PUBLIC_KEY("admin:public_key"),
    SITE_ADMIN("site_admin");

    private final String wire;

    Scope(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Scope parse(String text) {
        for (Scope s : values()) {
            if (s.wire.equals(text)) return s;
        }
        throw HearthException.invalid("scopes", "unknown scope '" + text
                + "'; known: repo, read:repo, delete_repo, admin:repo_hook, admin:public_key, site_admin");
    }

    public static Set<Scope> all() {
        return EnumSet.allOf(Scope.class);
    }

    /** Scopes named in a request body; an unknown or null name is a 422 on {@code scopes}. */
    public static Set<Scope> parseAll(java.util.List<String> names) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String s : names) {
            if (s == null) throw HearthException.invalid("scopes", "must not contain null");
            scopes.add(parse(s));
        }
        return scopes;
    }

    /** The wire names, sorted: how scopes are shown and stored. */
    public static java.util.List<String> wires(Set<Scope> scopes) {
        return scopes.stream().map(Scope::wire).sorted().toList();
    }

    /** The wire names joined by {@code separator} (a comma in the database, a space in OAuth). */
    public static String join(Set<Scope> scopes, String separator) {
        return String.join(separator, wires(scopes));
    }

    /** The scopes of a {@link #join}ed string. */
    public static Set<Scope> split(String joined, String separator) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String s : joined.split(java.util.regex.Pattern.quote(separator))) {
            if (!s.isEmpty()) scopes.add(parse(s));
        }
        return scopes;
    }
}
