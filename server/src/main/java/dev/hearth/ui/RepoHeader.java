package dev.hearth.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The top of every repository page, and the links between them. Links are built here, one
 * path segment at a time, so a file named {@code a b#c?.txt} or a branch {@code feature/x}
 * gets a URL that leads back to it.
 *
 * @param tab which tab is current: code, commits, branches, tags or settings
 */
public record RepoHeader(String owner, String name, String description, boolean isPrivate, boolean admin, String tab) {
    public String base() {
        return "/" + segment(owner) + "/" + segment(name);
    }

    public String fullName() {
        return owner + "/" + name;
    }

    public String tree(String ref, String path) {
        return base() + "/tree/" + segments(ref) + (path.isEmpty() ? "" : "/" + segments(path));
    }

    public String blob(String ref, String path) {
        return base() + "/blob/" + segments(ref) + "/" + segments(path);
    }

    public String raw(String ref, String path) {
        return base() + "/raw/" + segments(ref) + "/" + segments(path);
    }

    public String commits(String ref) {
        return base() + "/commits/" + segments(ref);
    }

    public String commit(String sha) {
        return base() + "/commit/" + sha;
    }

    public String compare(String baseRef, String headRef) {
        return base() + "/compare/" + segments(baseRef) + "..." + segments(headRef);
    }

    public boolean current(String name) {
        return tab.equals(name);
    }

    /** Each segment percent-encoded, the slashes between them kept. */
    static String segments(String path) {
        StringBuilder out = new StringBuilder();
        for (String s : path.split("/", -1)) {
            if (!out.isEmpty()) out.append('/');
            out.append(segment(s));
        }
        return out.toString();
    }

    static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
