package dev.hearth.client;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A repository to create for the caller. Null fields take the server's default (public, no
 * description, branch {@code main}, empty).
 */
public record NewRepo(String name, String description, @JsonProperty("private") Boolean isPrivate,
                      String defaultBranch, Boolean autoInit) {

    public static NewRepo named(String name) {
        return new NewRepo(name, null, null, null, null);
    }

    public NewRepo privately(boolean isPrivate) {
        return new NewRepo(name, description, isPrivate, defaultBranch, autoInit);
    }

    public NewRepo description(String description) {
        return new NewRepo(name, description, isPrivate, defaultBranch, autoInit);
    }

    public NewRepo defaultBranch(String branch) {
        return new NewRepo(name, description, isPrivate, branch, autoInit);
    }

    /** Starts the repository with a first commit, so it can be browsed at once. */
    public NewRepo autoInit(boolean autoInit) {
        return new NewRepo(name, description, isPrivate, defaultBranch, autoInit);
    }
}
