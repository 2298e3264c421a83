package dev.hearth.repos;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hearth.web.PublicUrl;
import java.time.Instant;

/** A repository as GitHub's REST API shows one. */
public record RepoJson(long id, String name, String fullName, Owner owner,
                       @com.fasterxml.jackson.annotation.JsonProperty("private") boolean isPrivate, String visibility,
                       String description, boolean fork, String url, String htmlUrl, String cloneUrl,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String sshUrl,
                       String defaultBranch, Instant createdAt, Instant updatedAt, Instant pushedAt,
                       Permissions permissions) {

    /** The owner, as a GitHub "simple user". */
    public record Owner(String login, long id, String type, String url, String htmlUrl) {}

    /** What the caller may do, in GitHub's words: each role and the ones below it. */
    public record Permissions(boolean admin, boolean maintain, boolean push, boolean triage, boolean pull) {
        public static Permissions of(Permission level) {
            return new Permissions(level.allows(Permission.ADMIN), level.allows(Permission.MAINTAIN),
                    level.allows(Permission.WRITE), level.allows(Permission.TRIAGE), level.allows(Permission.READ));
        }
    }

    /** {@code sshBase} is {@code ssh://git@host:port}, or null when SSH is off (then there is no ssh_url). */
    public static RepoJson of(Repository r, Permission level, String base, String sshBase) {
        String html = base + "/" + r.ownerLogin() + "/" + r.name();
        return new RepoJson(r.id(), r.name(), r.fullName(),
                new Owner(r.ownerLogin(), r.ownerId(), "User", base + "/api/v3/users/" + r.ownerLogin(), base + "/" + r.ownerLogin()),
                r.isPrivate(), r.isPrivate() ? "private" : "public", r.description(), false,
                base + "/api/v3/repos/" + r.fullName(), html, html + ".git",
                sshBase == null ? null : sshBase + "/" + r.fullName() + ".git", r.defaultBranch(),
                PublicUrl.seconds(r.createdAt()), PublicUrl.seconds(r.updatedAt()), PublicUrl.seconds(r.pushedAt()),
                Permissions.of(level));
    }
}
