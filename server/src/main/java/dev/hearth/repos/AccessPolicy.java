package dev.hearth.repos;

import dev.hearth.accounts.Principal;
import dev.hearth.accounts.Scope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The one answer to "may this caller … this repository?", asked by every transport and page: the
 * API, git over HTTP and SSH, the web UI, the WebSocket and webhooks. A caller's role is the
 * highest grant any {@link GrantSource} gives them (owner, collaborator, site admin; organisation
 * sources plug in the same way), never less than what everyone gets on a public repository. A
 * token's scopes then cap it: {@code repo} lets the role through, {@code read:repo} reading
 * only, and neither what an anonymous visitor sees (an action may name a scope that widens this,
 * see {@link RepoAction}). Listings filter with conditions built from the same sources.
 */
public final class AccessPolicy {
    private final List<GrantSource> sources;

    AccessPolicy(List<GrantSource> sources) {
        this.sources = List.copyOf(sources);
    }

    /** The sources Hearth has today: owner, collaborators, site admins. */
    static List<GrantSource> standardSources(Jdbi jdbi, RepoDao dao) {
        return List.of(new OwnerGrants(), new CollaboratorGrants(jdbi, dao), new SiteAdminGrants());
    }

    /** The highest role any source grants {@code who} on {@code repo}; NONE when none does. */
    public Permission granted(Grantee who, Repository repo) {
        return granted(who, List.of(repo)).getFirst();
    }

    /** {@link #granted(Grantee, Repository)} for a listing page, each source asked once for the whole page. */
    public List<Permission> granted(Grantee who, List<Repository> repos) {
        Map<Long, Permission> highest = new HashMap<>();
        for (GrantSource source : sources) {
            source.grants(who, repos).forEach((id, p) -> highest.merge(id, p, Permission::max));
        }
        return repos.stream().map(r -> highest.getOrDefault(r.id(), Permission.NONE)).toList();
    }

    /** What the caller may do with the repository, asking the sources; the answer may be NONE. */
    public RepoService.Access access(Optional<Principal> caller, Repository repo) {
        return access(caller, List.of(repo)).getFirst();
    }

    /** {@link #access(Optional, Repository)} for a listing page. */
    public List<RepoService.Access> access(Optional<Principal> caller, List<Repository> repos) {
        List<Permission> granted = caller.isEmpty() ? repos.stream().map(r -> Permission.NONE).toList()
                : granted(Grantee.of(caller.get()), repos);
        List<RepoService.Access> out = new ArrayList<>(repos.size());
        for (int i = 0; i < repos.size(); i++) out.add(new RepoService.Access(caller, repos.get(i), granted.get(i)));
        return out;
    }

    /** What everyone may do: read a public repository. */
    static Permission publicLevel(Repository repo) {
        return repo.isPrivate() ? Permission.NONE : Permission.READ;
    }

    /** The caller's role: the highest grant, never less than public. */
    static Permission role(Repository repo, Permission granted) {
        return Permission.max(publicLevel(repo), granted);
    }

    /** The role as the credential lets it act for {@code purpose}. */
    static Permission capped(Optional<Principal> caller, Repository repo, Permission granted, RepoAction purpose) {
        Permission publicLevel = publicLevel(repo);
        if (caller.isEmpty()) return publicLevel;
        Principal p = caller.get();
        Permission role = role(repo, granted);
        if (p.has(Scope.REPO)) return role;
        if (purpose.widening() != null && p.has(purpose.widening())) return role;
        if (p.has(Scope.READ_REPO)) return Permission.min(role, Permission.READ);
        return Permission.min(role, publicLevel);
    }

    /**
     * Whether the caller may do {@code action}, from the highest grant already gathered (by
     * {@link #granted}, or kept by a cache such as the WebSocket's): the role, capped by the
     * credential's scopes, suffices, and the credential has any extra scope the action needs.
     * Pure, so a cache cannot decide differently from a lookup. It answers yes or no only:
     * the proof that opens a repository ({@link RepoService.Access}) comes from {@link #access}.
     */
    public static boolean allows(Optional<Principal> caller, Repository repo, Permission granted, RepoAction action) {
        if (!capped(caller, repo, granted, action).allows(action.needs())) return false;
        return action.alsoNeeds() == null || caller.map(p -> p.has(action.alsoNeeds())).orElse(false);
    }

    /**
     * Which repositories the caller may read, as a condition on {@code repositories r}: public
     * ones, and for a credential that may read private ones, those some source grants.
     */
    public ListFilter visibleTo(Optional<Principal> caller) {
        if (caller.isEmpty() || !seesPrivate(caller.get())) return ListFilter.PUBLIC;
        Grantee who = Grantee.of(caller.get());
        return ListFilter.anyOf(List.of(ListFilter.PUBLIC,
                ListFilter.anyOf(sources.stream().map(s -> s.readable(who)).toList())));
    }

    /**
     * The repositories that are the caller's own (owner, collaborator; later organisation
     * member), as far as the credential may see them: {@code GET /user/repos} and the home page.
     */
    public ListFilter affiliatedWith(Principal caller) {
        Grantee who = Grantee.of(caller);
        ListFilter member = ListFilter.anyOf(sources.stream().filter(GrantSource::affiliates).map(s -> s.readable(who)).toList());
        return seesPrivate(caller) ? member : ListFilter.allOf(List.of(member, ListFilter.PUBLIC));
    }

    private static boolean seesPrivate(Principal p) {
        return p.has(Scope.REPO) || p.has(Scope.READ_REPO);
    }
}
