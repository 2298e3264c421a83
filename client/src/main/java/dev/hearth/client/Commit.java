package dev.hearth.client;

import java.time.Instant;
import java.util.List;

/**
 * A commit as {@code /commits} shows it. {@code stats} and {@code files} are only present on a
 * single commit ({@link Browse#commit}), null in listings.
 */
public record Commit(String sha, Detail commit, String url, String htmlUrl, List<Parent> parents, Stats stats,
                     List<File> files) {

    /** What git itself records. */
    public record Detail(Person author, Person committer, String message, Branch.ShaUrl tree, String url) {}

    public record Person(String name, String email, Instant date) {}

    public record Parent(String sha, String url, String htmlUrl) {}

    public record Stats(int total, int additions, int deletions) {}

    /** A changed file; {@code patch} is null for binary files. */
    public record File(String sha, String filename, String status, int additions, int deletions, int changes,
                       String blobUrl, String rawUrl, String contentsUrl, String patch, String previousFilename) {}
}
