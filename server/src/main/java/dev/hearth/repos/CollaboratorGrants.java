package dev.hearth.repos;

import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** A collaborator has the role of their row in {@code collaborators}. */
final class CollaboratorGrants implements GrantSource {
    private final Jdbi jdbi;
    private final RepoDao dao;

    CollaboratorGrants(Jdbi jdbi, RepoDao dao) {
        this.jdbi = jdbi;
        this.dao = dao;
    }

    @Override
    public Map<Long, Permission> grants(Grantee who, List<Repository> repos) {
        if (repos.isEmpty()) return Map.of();
        return jdbi.withHandle(h -> dao.grants(h, repos.stream().map(Repository::id).toList(), who.userId()));
    }

    @Override
    public ListFilter readable(Grantee who) {
        return new ListFilter("EXISTS (SELECT 1 FROM collaborators c WHERE c.repository_id = r.id AND c.user_id = :collaborator_user)",
                Map.of("collaborator_user", who.userId()));
    }
}
