package dev.hearth.repos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.accounts.Principal;
import dev.hearth.accounts.Scope;
import dev.hearth.accounts.User;
import dev.hearth.error.HearthException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The permission policy as pure logic: roles, grants from several sources, scope caps, visibility. */
class AccessPolicyTest {
    static final User OWNER = new User(1, "owner", "o@x.io", false, Instant.EPOCH, Instant.EPOCH);
    static final User OTHER = new User(2, "other", "p@x.io", false, Instant.EPOCH, Instant.EPOCH);
    static final User ADMIN = new User(3, "admin", "a@x.io", true, Instant.EPOCH, Instant.EPOCH);

    static Repository repo(boolean isPrivate) {
        return new Repository(10, OWNER.id(), OWNER.login(), "r", null, isPrivate, "main", Instant.EPOCH, Instant.EPOCH, null);
    }

    /** A source granting fixed roles by user id, as a collaborator table or a team would. */
    record Fixed(Map<Long, Permission> byUser, boolean affiliates) implements GrantSource {
        @Override
        public Map<Long, Permission> grants(Grantee who, List<Repository> repos) {
            Map<Long, Permission> out = new HashMap<>();
            Permission p = byUser.get(who.userId());
            if (p != null) repos.forEach(r -> out.put(r.id(), p));
            return out;
        }

        @Override
        public ListFilter readable(Grantee who) {
            return byUser.containsKey(who.userId()) ? ListFilter.ALL : ListFilter.NONE;
        }
    }

    static AccessPolicy policy(GrantSource... more) {
        List<GrantSource> sources = new java.util.ArrayList<>(List.of(new OwnerGrants(), new SiteAdminGrants()));
        sources.addAll(List.of(more));
        return new AccessPolicy(sources);
    }

    static RepoService.Access access(Principal p, boolean isPrivate, Permission grant) {
        GrantSource collaborators = new Fixed(grant == null ? Map.of() : Map.of(OTHER.id(), grant), true);
        return policy(collaborators).access(Optional.ofNullable(p), repo(isPrivate));
    }

    static Permission level(Principal p, boolean isPrivate, Permission grant) {
        return access(p, isPrivate, grant).level();
    }

    static Principal token(User u, Scope... scopes) {
        return new Principal(u, Set.of(scopes), Principal.Method.TOKEN);
    }

    @Test
    void anonymousReadsPublicOnly() {
        assertThat(level(null, false, null)).isEqualTo(Permission.READ);
        assertThat(level(null, true, null)).isEqualTo(Permission.NONE);
        assertThat(access(null, false, null).may(RepoAction.PUSH)).isFalse();
    }

    @Test
    void ownersAndSiteAdminsAdminister() {
        assertThat(level(Principal.byPassword(OWNER), true, null)).isEqualTo(Permission.ADMIN);
        assertThat(level(Principal.byPassword(ADMIN), true, null)).isEqualTo(Permission.ADMIN);
        // A site admin's token without site_admin acts as an ordinary user.
        assertThat(level(token(ADMIN, Scope.REPO), true, null)).isEqualTo(Permission.NONE);
        assertThat(level(token(ADMIN, Scope.REPO, Scope.SITE_ADMIN), true, null)).isEqualTo(Permission.ADMIN);
    }

    @Test
    void collaboratorsGetTheirGrantButNeverLessThanPublic() {
        assertThat(level(Principal.byPassword(OTHER), true, Permission.WRITE)).isEqualTo(Permission.WRITE);
        assertThat(level(Principal.byPassword(OTHER), true, Permission.TRIAGE)).isEqualTo(Permission.TRIAGE);
        assertThat(level(Principal.byPassword(OTHER), true, null)).isEqualTo(Permission.NONE);
        assertThat(level(Principal.byPassword(OTHER), false, null)).isEqualTo(Permission.READ);
    }

    @Test
    void theHighestGrantOfAllSourcesWins() {
        AccessPolicy p = policy(new Fixed(Map.of(OTHER.id(), Permission.READ), true),
                new Fixed(Map.of(OTHER.id(), Permission.MAINTAIN), true),
                new Fixed(Map.of(OTHER.id(), Permission.TRIAGE), false));
        assertThat(p.granted(Grantee.of(OTHER), repo(true))).isEqualTo(Permission.MAINTAIN);
        assertThat(p.access(Optional.of(Principal.byPassword(OTHER)), repo(true)).level()).isEqualTo(Permission.MAINTAIN);
        // The owner's own grant is not lowered by a lesser one from another source.
        AccessPolicy lower = policy(new Fixed(Map.of(OWNER.id(), Permission.READ), true));
        assertThat(lower.granted(Grantee.of(OWNER), repo(true))).isEqualTo(Permission.ADMIN);
        // One answer per repository of a page, in order; the owner source only grants on their own.
        Repository other = new Repository(11, 99, "someone", "s", null, true, "main", Instant.EPOCH, Instant.EPOCH, null);
        assertThat(lower.granted(Grantee.of(OWNER), List.of(repo(true), other)))
                .containsExactly(Permission.ADMIN, Permission.READ);
        assertThat(policy().granted(Grantee.of(OWNER), List.of(repo(true), other)))
                .containsExactly(Permission.ADMIN, Permission.NONE);
    }

    @Test
    void tokenScopesCapTheLevel() {
        assertThat(level(token(OWNER, Scope.REPO), true, null)).isEqualTo(Permission.ADMIN);
        assertThat(level(token(OWNER, Scope.READ_REPO), true, null)).isEqualTo(Permission.READ);
        assertThat(level(token(OWNER), true, null)).isEqualTo(Permission.NONE);
        assertThat(level(token(OWNER), false, null)).isEqualTo(Permission.READ);
        assertThat(level(token(OTHER, Scope.READ_REPO), true, Permission.ADMIN)).isEqualTo(Permission.READ);
        // The role itself is what the grants say, whatever the token.
        assertThat(access(token(OTHER), true, Permission.MAINTAIN).role()).isEqualTo(Permission.MAINTAIN);
    }

    @ParameterizedTest(name = "{0} may {1}: {2}")
    @CsvSource({
            "READ, READ, true", "READ, PUSH, false", "READ, LIST_COLLABORATORS, false",
            "TRIAGE, READ, true", "TRIAGE, PUSH, false",
            "WRITE, PUSH, true", "WRITE, LIST_COLLABORATORS, true", "WRITE, EDIT_DETAILS, false",
            "MAINTAIN, EDIT_DETAILS, true", "MAINTAIN, RENAME, false", "MAINTAIN, CHANGE_VISIBILITY, false",
            "MAINTAIN, CHANGE_DEFAULT_BRANCH, false", "MAINTAIN, MANAGE_COLLABORATORS, false",
            "MAINTAIN, MANAGE_PROTECTION, false", "MAINTAIN, MANAGE_HOOKS, false", "MAINTAIN, DELETE, false",
            "ADMIN, RENAME, true", "ADMIN, CHANGE_VISIBILITY, true", "ADMIN, MANAGE_COLLABORATORS, true",
            "ADMIN, MANAGE_PROTECTION, true", "ADMIN, MANAGE_HOOKS, true", "ADMIN, DELETE, true"})
    void eachRoleMayDoWhatGitHubLetsIt(Permission role, RepoAction action, boolean allowed) {
        assertThat(access(Principal.byPassword(OTHER), true, role).may(action)).isEqualTo(allowed);
    }

    @Test
    void someActionsNeedTheirOwnScope() {
        // Deleting needs delete_repo on top of repo.
        assertThat(access(token(OWNER, Scope.REPO), true, null).may(RepoAction.DELETE)).isFalse();
        assertThat(access(token(OWNER, Scope.REPO, Scope.DELETE_REPO), true, null).may(RepoAction.DELETE)).isTrue();
        // Hooks need admin:repo_hook, which alone is enough, even on a private repository.
        assertThat(access(token(OWNER, Scope.REPO), true, null).may(RepoAction.MANAGE_HOOKS)).isFalse();
        RepoService.Access hooksOnly = access(token(OWNER, Scope.ADMIN_REPO_HOOK), true, null);
        assertThat(hooksOnly.may(RepoAction.MANAGE_HOOKS)).isTrue();
        assertThat(hooksOnly.may(RepoAction.READ)).isFalse();
        assertThatThrownBy(() -> access(token(OWNER, Scope.REPO), true, null).require(RepoAction.MANAGE_HOOKS))
                .isInstanceOf(HearthException.class).hasMessageContaining("admin:repo_hook");
        assertThatThrownBy(() -> access(Principal.byPassword(OTHER), true, Permission.WRITE).require(RepoAction.DELETE))
                .isInstanceOf(HearthException.class).hasMessageContaining("You need admin access");
    }

    @Test
    void listFiltersFollowTheSameSources() {
        AccessPolicy p = policy(new Fixed(Map.of(OTHER.id(), Permission.READ), true));
        assertThat(p.visibleTo(Optional.empty()).sql()).isEqualTo("r.private = FALSE");
        assertThat(p.visibleTo(Optional.of(token(OTHER))).sql()).isEqualTo("r.private = FALSE");
        ListFilter reader = p.visibleTo(Optional.of(token(OTHER, Scope.READ_REPO)));
        assertThat(reader.sql()).contains("r.owner_id = :owner_user").contains("TRUE");
        assertThat(reader.params()).containsEntry("owner_user", OTHER.id());
        // A site admin's filter lets everything through, but no repository becomes theirs.
        assertThat(p.visibleTo(Optional.of(Principal.byPassword(ADMIN))).sql()).contains("TRUE");
        assertThat(p.affiliatedWith(Principal.byPassword(ADMIN)).sql()).doesNotContain("TRUE");
        assertThat(p.affiliatedWith(token(OTHER)).sql()).contains("r.private = FALSE");
    }

    @Test
    void rolesParseInGitHubsAndHearthsWords() {
        assertThat(Permission.parseGrant("pull")).isEqualTo(Permission.READ);
        assertThat(Permission.parseGrant("read")).isEqualTo(Permission.READ);
        assertThat(Permission.parseGrant("triage")).isEqualTo(Permission.TRIAGE);
        assertThat(Permission.parseGrant("push")).isEqualTo(Permission.WRITE);
        assertThat(Permission.parseGrant("write")).isEqualTo(Permission.WRITE);
        assertThat(Permission.parseGrant("maintain")).isEqualTo(Permission.MAINTAIN);
        assertThat(Permission.parseGrant("admin")).isEqualTo(Permission.ADMIN);
        assertThatThrownBy(() -> Permission.parseGrant("owner")).isInstanceOf(HearthException.class);
        assertThatThrownBy(() -> Permission.parseGrant("none")).isInstanceOf(HearthException.class);
        // Rows written before triage and maintain existed still read.
        assertThat(Permission.stored("write")).isEqualTo(Permission.WRITE);
        assertThat(Permission.MAINTAIN.legacy()).isEqualTo("write");
        assertThat(Permission.TRIAGE.legacy()).isEqualTo("read");
        assertThat(Permission.MAINTAIN.wire()).isEqualTo("maintain");
    }
}
