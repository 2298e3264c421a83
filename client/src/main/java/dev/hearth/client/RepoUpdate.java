package dev.hearth.client;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Changes to a repository; null fields stay as they are. A new {@code name} renames it. */
public record RepoUpdate(String name, String description, @JsonProperty("private") Boolean isPrivate,
                         String defaultBranch) {

    public static RepoUpdate none() {
        return new RepoUpdate(null, null, null, null);
    }

    public RepoUpdate name(String name) {
        return new RepoUpdate(name, description, isPrivate, defaultBranch);
    }

    public RepoUpdate description(String description) {
        return new RepoUpdate(name, description, isPrivate, defaultBranch);
    }

    public RepoUpdate privately(boolean isPrivate) {
        return new RepoUpdate(name, description, isPrivate, defaultBranch);
    }

    public RepoUpdate defaultBranch(String branch) {
        return new RepoUpdate(name, description, isPrivate, branch);
    }
}
