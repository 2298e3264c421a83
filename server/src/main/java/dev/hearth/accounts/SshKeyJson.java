package dev.hearth.accounts;

import dev.hearth.web.PublicUrl;
import java.time.Instant;

/**
 * An SSH key as GitHub's {@code /user/keys} shows one. Hearth keys are always verified and never
 * read-only (GitHub's read-only keys are deploy keys); the fingerprint is Gitea's addition.
 */
public record SshKeyJson(long id, String key, String url, String title, String fingerprint, Instant createdAt,
                         boolean verified, boolean readOnly) {

    public static SshKeyJson of(SshKey k, String baseUrl) {
        return new SshKeyJson(k.id(), k.key(), baseUrl + "/api/v3/user/keys/" + k.id(), k.title(), k.fingerprint(),
                PublicUrl.seconds(k.createdAt()), true, false);
    }
}
