package dev.hearth.ui;

import java.util.List;

/** The models of the forms: a new repository, a user's tokens, SSH keys, password and sessions. */
public final class SettingsPages {
    private SettingsPages() {}

    /** {@code /new}: the fields as typed, and what was wrong with them. */
    public record NewRepo(String name, String description, boolean isPrivate, boolean autoInit, FormErrors errors) {}

    /** A token as listed: never its secret. */
    public record TokenRow(long id, String name, String scopes, String lastEight, String created, String lastUsed,
                           String expires) {}

    /**
     * {@code /settings/tokens}; {@code created} holds a new token's secret on the one page that
     * shows it, right after it was made, and null everywhere else.
     */
    public record Tokens(List<TokenRow> tokens, List<String> scopes, String created, String name, FormErrors errors) {}

    public record KeyRow(long id, String title, String fingerprint, String added) {}

    /** {@code /settings/keys}. */
    public record Keys(List<KeyRow> keys, String title, String key, FormErrors errors) {}

    /** {@code /settings/security}: the password form's errors, and what was just done (or null). */
    public record Security(FormErrors errors, String notice) {}
}
