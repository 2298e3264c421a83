package dev.hearth.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A repository as the API shows it; {@code sshUrl} is null when the server has SSH off. */
public record Repo(long id, String name, String fullName, Owner owner, @JsonProperty("private") boolean isPrivate,
                   String visibility, String description, boolean fork, String url, String htmlUrl, String cloneUrl,
                   String sshUrl, String defaultBranch, Instant createdAt, Instant updatedAt, Instant pushedAt,
                   Permissions permissions) {

    public record Owner(String login, long id, String type, String url, String htmlUrl) {}

    /** What the caller may do, GitHub's five roles each with the ones below: admin, maintain, push (write), triage, pull (read). */
    public record Permissions(boolean admin, boolean maintain, boolean push, boolean triage, boolean pull) {}
}
