package dev.hearth.browse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The URLs GitHub puts in its answers, for one repository as the client reached it. Paths and
 * refs are percent-encoded segment by segment, so a space is {@code %20} and '/' stays a separator.
 */
record Links(String base, String owner, String repo) {

    String api() {
        return base + "/api/v3/repos/" + segment(owner) + "/" + segment(repo);
    }

    String html() {
        return base + "/" + segment(owner) + "/" + segment(repo);
    }

    String commit(String sha) {
        return api() + "/commits/" + sha;
    }

    String htmlCommit(String sha) {
        return html() + "/commit/" + sha;
    }

    String gitCommit(String sha) {
        return api() + "/git/commits/" + sha;
    }

    String gitTree(String sha) {
        return api() + "/git/trees/" + sha;
    }

    String gitBlob(String sha) {
        return api() + "/git/blobs/" + sha;
    }

    String contents(String path, String ref) {
        return api() + "/contents/" + path(path) + "?ref=" + URLEncoder.encode(ref, StandardCharsets.UTF_8);
    }

    String htmlBlob(String ref, String path) {
        return html() + "/blob/" + path(ref) + "/" + path(path);
    }

    String htmlTree(String ref, String path) {
        return html() + "/tree/" + path(ref) + (path.isEmpty() ? "" : "/" + path(path));
    }

    String raw(String ref, String path) {
        return html() + "/raw/" + path(ref) + "/" + path(path);
    }

    String archive(String kind, String ref) {
        return api() + "/" + kind + "/" + path(ref);
    }

    /** A slash-separated path with every segment percent-encoded. */
    static String path(String path) {
        StringBuilder out = new StringBuilder();
        for (String s : path.split("/", -1)) {
            if (!out.isEmpty()) out.append('/');
            out.append(segment(s));
        }
        return path.isEmpty() ? "" : out.toString();
    }

    /** URLEncoder writes form encoding; a path wants %20 for a space ('+' itself became %2B). */
    static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
