package dev.hearth.accounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hearth.web.PublicUrl;
import java.time.Instant;
import java.util.List;

/** A personal access token in the API; {@code token} is present only in the answer that created it. */
public record TokenJson(long id, String name, List<String> scopes,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String token,
                        String tokenLastEight, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {

    public static TokenJson of(AccessToken t, String secret) {
        return new TokenJson(t.id(), t.name(), Scope.wires(t.scopes()), secret,
                t.tokenLastEight(), PublicUrl.seconds(t.createdAt()), PublicUrl.seconds(t.expiresAt()),
                PublicUrl.seconds(t.lastUsedAt()));
    }
}
