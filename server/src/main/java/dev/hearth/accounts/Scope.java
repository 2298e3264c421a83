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
}
