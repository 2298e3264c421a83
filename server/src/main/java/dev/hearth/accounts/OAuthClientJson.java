package dev.hearth.accounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hearth.web.PublicUrl;
import java.time.Instant;
import java.util.List;

/** An OAuth client in the API; {@code client_secret} is present only in the answer that created it. */
public record OAuthClientJson(long id, String name, String clientId,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String clientSecret,
                              List<String> scopes, Instant createdAt, Instant lastUsedAt) {

    public static OAuthClientJson of(OAuthClient c, String secret) {
        return new OAuthClientJson(c.id(), c.name(), c.clientId(), secret,
                Scope.wires(c.scopes()),
                PublicUrl.seconds(c.createdAt()), PublicUrl.seconds(c.lastUsedAt()));
    }
}
