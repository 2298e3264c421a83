package dev.hearth.repos;

import java.util.List;
import java.util.Map;

/**
 * One reason someone has a role on a repository: its owner, a collaborator row, a site admin;
 * next, an organisation's owners, its teams and its base permission. {@link AccessPolicy} asks
 * every source and the highest grant wins. A source answers both questions the same way, so a
 * repository a listing shows is exactly one a lookup lets through.
 */
public interface GrantSource {
    /**
     * The role this source gives {@code who} on each of {@code repos}, by repository id (absent:
     * nothing). One query at most for the whole list: it is asked for a listing page at once.
     */
    Map<Long, Permission> grants(Grantee who, List<Repository> repos);

    /**
     * Where this source gives {@code who} at least read, as a condition on {@code repositories r}
     * ({@link ListFilter#NONE} when nowhere): the listings' WHERE clauses are built from these.
     */
    ListFilter readable(Grantee who);

    /**
     * Whether these grants make a repository one of the user's own, listed by
     * {@code GET /user/repos} (GitHub's affiliations: owner, collaborator, organization member).
     * A site admin sees every repository without it being theirs.
     */
    default boolean affiliates() {
        return true;
    }
}
