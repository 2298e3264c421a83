package dev.hearth.client;

import java.time.Instant;

/**
 * Which commits {@link Browse#commits} lists: from {@code sha} (a branch, tag or sha; default
 * branch when null), touching {@code path}, by {@code author} (login or email), in a time range.
 */
public record CommitQuery(String sha, String path, String author, Instant since, Instant until) {
    public static CommitQuery all() {
        return new CommitQuery(null, null, null, null, null);
    }

    public CommitQuery from(String ref) {
        return new CommitQuery(ref, path, author, since, until);
    }

    public CommitQuery path(String path) {
        return new CommitQuery(sha, path, author, since, until);
    }

    public CommitQuery author(String author) {
        return new CommitQuery(sha, path, author, since, until);
    }

    public CommitQuery since(Instant since) {
        return new CommitQuery(sha, path, author, since, until);
    }

    public CommitQuery until(Instant until) {
        return new CommitQuery(sha, path, author, since, until);
    }
}
