package dev.hearth.ui;

/**
 * What every page's frame shows: its title, who is signed in ({@code login} null for a visitor),
 * the session's CSRF token for the forms, and the path of this page (for "sign in" to come back to).
 */
public record Chrome(String title, String login, String csrf, String path) {
    public boolean signedIn() {
        return login != null;
    }

    /** The sign-in link, which comes back to this page afterwards. */
    public String signInHref() {
        return "/login?next=" + java.net.URLEncoder.encode(path, java.nio.charset.StandardCharsets.UTF_8);
    }
}
