package dev.hearth.repos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.accounts.Principal;
import dev.hearth.accounts.Scope;
import dev.hearth.accounts.User;
import dev.hearth.error.HearthException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepoAccessTest {
    static final User OWNER = new User(1, "owner", "o@x.io", false, Instant.EPOCH, Instant.EPOCH);
    static final User OTHER = new User(2, "other", "p@x.io", false, Instant.EPOCH, Instant.EPOCH);
    static final User ADMIN = new User(3, "admin", "a@x.io", true, Instant.EPOCH, Instant.EPOCH);

    static Repository repo(boolean isPrivate) {
        return new Repository(10, OWNER.id(), OWNER.login(), "r", null, isPrivate, "main", Instant.EPOCH, Instant.EPOCH, null);
    }

    static Permission level(Principal p, boolean isPrivate, Permission grant) {
        return RepoAccess.level(Optional.ofNullable(p), repo(isPrivate), Optional.ofNullable(grant));
    }

    static Principal token(User u, Scope... scopes) {
        return new Principal(u, Set.of(scopes), Principal.Method.TOKEN);
    }

    @Test
    void anonymousReadsPublicOnly() {
        assertThat(level(null, false, null)).isEqualTo(Permission.READ);
        assertThat(level(null, true, null)).isEqualTo(Permission.NONE);
    }

    @Test
    void ownersAndSiteAdminsAdminister() {
        assertThat(level(Principal.byPassword(OWNER), true, null)).isEqualTo(Permission.ADMIN);
        assertThat(level(Principal.byPassword(ADMIN), true, null)).isEqualTo(Permission.ADMIN);
        // A site admin's token without site_admin acts as an ordinary user.
        assertThat(level(token(ADMIN, Scope.REPO), true, null)).isEqualTo(Permission.NONE);
    }

    @Test
    void collaboratorsGetTheirGrantButNeverLessThanPublic() {
        assertThat(level(Principal.byPassword(OTHER), true, Permission.WRITE)).isEqualTo(Permission.WRITE);
        assertThat(level(Principal.byPassword(OTHER), true, null)).isEqualTo(Permission.NONE);
        assertThat(level(Principal.byPassword(OTHER), false, null)).isEqualTo(Permission.READ);
    }

    @Test
    void tokenScopesCapTheLevel() {
        assertThat(level(token(OWNER, Scope.REPO), true, null)).isEqualTo(Permission.ADMIN);
        assertThat(level(token(OWNER, Scope.READ_REPO), true, null)).isEqualTo(Permission.READ);
        assertThat(level(token(OWNER), true, null)).isEqualTo(Permission.NONE);
        assertThat(level(token(OWNER), false, null)).isEqualTo(Permission.READ);
        assertThat(level(token(OTHER, Scope.READ_REPO), true, Permission.ADMIN)).isEqualTo(Permission.READ);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "Hello-World", "under_score", "dots.are.fine", "x234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890"})
    void goodRepoNames(String name) {
        assertThat(new RepoName(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "-x", ".x", "a.git", "A.Git", "a/b", "a\\b", "a b", "naïve", "x\u0000",
            "ｒepo"})
    void badRepoNames(String name) {
        assertThatThrownBy(() -> new RepoName(name)).isInstanceOf(HearthException.class);
    }

    @Test
    void repoNamesAreAtMost100() {
        assertThatThrownBy(() -> new RepoName("x".repeat(101))).isInstanceOf(HearthException.class);
    }
}
