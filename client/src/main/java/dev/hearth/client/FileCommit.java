package dev.hearth.client;

import java.time.Instant;
import java.util.List;

/** The answer to a write through the contents API: the file as written (null after a delete) and the commit. */
public record FileCommit(WrittenFile content, GitCommit commit) {

    public record WrittenFile(String name, String path, String sha, long size, String url, String htmlUrl,
                              String gitUrl, String downloadUrl, String type) {}

    /** A commit in the git data API's flat shape. */
    public record GitCommit(String sha, String url, String htmlUrl, Person author, Person committer, String message,
                            Branch.ShaUrl tree, List<Commit.Parent> parents) {}

    public record Person(String name, String email, Instant date) {}
}
