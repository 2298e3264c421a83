package dev.hearth.accounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hearth.web.PublicUrl;
import java.time.Instant;

/** A user as GitHub's REST API shows one; the e-mail only to the user and site admins. */
public record UserJson(String login, long id, String type, boolean siteAdmin,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String email,
                       String url, String htmlUrl, Instant createdAt, Instant updatedAt) {

    public static UserJson of(User user, String baseUrl, boolean withEmail) {
        return new UserJson(user.login(), user.id(), "User", user.siteAdmin(), withEmail ? user.email() : null,
                baseUrl + "/api/v3/users/" + user.login(), baseUrl + "/" + user.login(),
                PublicUrl.seconds(user.createdAt()), PublicUrl.seconds(user.updatedAt()));
    }
}
