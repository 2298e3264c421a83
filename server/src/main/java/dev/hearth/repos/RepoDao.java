package dev.hearth.repos;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for repositories and their collaborators. Takes the handle its caller holds. */
final class RepoDao {
    private static final String SELECT = """
            SELECT r.id, r.owner_id, u.login AS owner_login, r.name, r.description, r.private,
                   r.default_branch, r.created_at, r.updated_at, r.pushed_at
            FROM repositories r JOIN users u ON u.id = r.owner_id
            """;

    long insert(Handle h, long ownerId, RepoName name, String description, boolean isPrivate, String branch, Instant now) {
        return h.createUpdate("""
                INSERT INTO repositories (owner_id, name, name_lower, description, private, default_branch, created_at, updated_at)
                VALUES (:owner, :name, :lower, :description, :private, :branch, :now, :now)""")
                .bind("owner", ownerId)
                .bind("name", name.value())
                .bind("lower", name.lower())
                .bind("description", description)
                .bind("private", isPrivate)
                .bind("branch", branch)
                .bind("now", now.toEpochMilli())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    Optional<Repository> byId(Handle h, long id) {
        return h.createQuery(SELECT + " WHERE r.id = :id").bind("id", id).map((rs, c) -> repo(rs)).findOne();
    }

    Optional<Repository> byName(Handle h, String ownerLogin, String name) {
        return h.createQuery(SELECT + " WHERE u.login_lower = :owner AND r.name_lower = :name")
                .bind("owner", ownerLogin.toLowerCase(java.util.Locale.ROOT))
                .bind("name", name.toLowerCase(java.util.Locale.ROOT))
                .map((rs, c) -> repo(rs))
                .findOne();
    }

    boolean nameTaken(Handle h, long ownerId, RepoName name, long exceptId) {
        return h.createQuery("SELECT COUNT(*) FROM repositories WHERE owner_id = :owner AND name_lower = :lower AND id <> :id")
                .bind("owner", ownerId).bind("lower", name.lower()).bind("id", exceptId)
                .mapTo(Long.class).one() > 0;
    }

    void update(Handle h, Repository r, Instant now) {
        h.createUpdate("""
                UPDATE repositories SET name = :name, name_lower = :lower, description = :description,
                       private = :private, default_branch = :branch, updated_at = :now WHERE id = :id""")
                .bind("name", r.name())
                .bind("lower", r.name().toLowerCase(java.util.Locale.ROOT))
                .bind("description", r.description())
                .bind("private", r.isPrivate())
                .bind("branch", r.defaultBranch())
                .bind("now", now.toEpochMilli())
                .bind("id", r.id())
                .execute();
    }

    void markPushed(Handle h, long id, Instant now) {
        h.createUpdate("UPDATE repositories SET pushed_at = :now, updated_at = :now WHERE id = :id")
                .bind("now", now.toEpochMilli()).bind("id", id).execute();
    }

    void delete(Handle h, long id) {
        h.createUpdate("DELETE FROM repositories WHERE id = :id").bind("id", id).execute();
    }

    /** The repositories {@code filter} (from {@link AccessPolicy}) lets through, most recently pushed (or created) first. */
    List<Repository> visible(Handle h, ListFilter filter, int limit, long offset) {
        return h.createQuery(SELECT + " WHERE " + filter.sql()
                        + " ORDER BY COALESCE(r.pushed_at, r.created_at) DESC, r.id DESC LIMIT :limit OFFSET :offset")
                .bindMap(filter.params())
                .bind("limit", limit).bind("offset", offset)
                .map((rs, c) -> repo(rs))
                .list();
    }

    List<Repository> ownedBy(Handle h, long ownerId, ListFilter filter, int limit, long offset) {
        return h.createQuery(SELECT + " WHERE r.owner_id = :owner AND " + filter.sql()
                        + " ORDER BY r.name_lower, r.id LIMIT :limit OFFSET :offset")
                .bind("owner", ownerId)
                .bindMap(filter.params())
                .bind("limit", limit).bind("offset", offset)
                .map((rs, c) -> repo(rs))
                .list();
    }

    long countOwnedBy(Handle h, long ownerId, ListFilter filter) {
        return h.createQuery("SELECT COUNT(*) FROM repositories r WHERE r.owner_id = :owner AND " + filter.sql())
                .bind("owner", ownerId)
                .bindMap(filter.params())
                .mapTo(Long.class).one();
    }

    /** The repositories that are a user's own, by {@link AccessPolicy#affiliatedWith}, for {@code GET /user/repos}. */
    List<Repository> memberOf(Handle h, ListFilter filter, int limit, long offset) {
        return h.createQuery(SELECT + " WHERE " + filter.sql() + " ORDER BY u.login_lower, r.name_lower, r.id LIMIT :limit OFFSET :offset")
                .bindMap(filter.params())
                .bind("limit", limit).bind("offset", offset)
                .map((rs, c) -> repo(rs))
                .list();
    }

    long countMemberOf(Handle h, ListFilter filter) {
        return h.createQuery("SELECT COUNT(*) FROM repositories r WHERE " + filter.sql())
                .bindMap(filter.params())
                .mapTo(Long.class).one();
    }

    /** The user's grants on any of these repositories, by repository id: one query for a listing page. */
    java.util.Map<Long, Permission> grants(Handle h, java.util.Collection<Long> repoIds, long userId) {
        if (repoIds.isEmpty()) return java.util.Map.of();
        java.util.Map<Long, Permission> out = new java.util.HashMap<>();
        h.createQuery("SELECT repository_id, permission FROM collaborators WHERE user_id = :user AND repository_id IN (<repos>)")
                .bind("user", userId).bindList("repos", java.util.List.copyOf(repoIds))
                .map((rs, c) -> java.util.Map.entry(rs.getLong("repository_id"),
                        Permission.stored(rs.getString("permission"))))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Adds or changes a grant; true when it was added. */
    boolean putGrant(Handle h, long repoId, long userId, Permission permission, Instant now) {
        int changed = h.createUpdate("UPDATE collaborators SET permission = :p WHERE repository_id = :repo AND user_id = :user")
                .bind("p", permission.wire()).bind("repo", repoId).bind("user", userId).execute();
        if (changed > 0) return false;
        h.createUpdate("INSERT INTO collaborators (repository_id, user_id, permission, created_at) VALUES (:repo, :user, :p, :now)")
                .bind("repo", repoId).bind("user", userId).bind("p", permission.wire()).bind("now", now.toEpochMilli())
                .execute();
        return true;
    }

    boolean removeGrant(Handle h, long repoId, long userId) {
        return h.createUpdate("DELETE FROM collaborators WHERE repository_id = :repo AND user_id = :user")
                .bind("repo", repoId).bind("user", userId).execute() > 0;
    }

    /** A collaborator: the user id and login with the grant. */
    record Grant(long userId, String login, boolean siteAdmin, Permission permission) {}

    List<Grant> grants(Handle h, long repoId, int limit, long offset) {
        return h.createQuery("""
                SELECT u.id, u.login, u.site_admin, c.permission FROM collaborators c JOIN users u ON u.id = c.user_id
                WHERE c.repository_id = :repo ORDER BY u.login_lower LIMIT :limit OFFSET :offset""")
                .bind("repo", repoId).bind("limit", limit).bind("offset", offset)
                .map((rs, c) -> new Grant(rs.getLong("id"), rs.getString("login"), rs.getBoolean("site_admin"),
                        Permission.stored(rs.getString("permission"))))
                .list();
    }

    long countGrants(Handle h, long repoId) {
        return h.createQuery("SELECT COUNT(*) FROM collaborators WHERE repository_id = :repo")
                .bind("repo", repoId).mapTo(Long.class).one();
    }

    private static Repository repo(ResultSet rs) throws SQLException {
        long pushed = rs.getLong("pushed_at");
        Instant pushedAt = rs.wasNull() ? null : Instant.ofEpochMilli(pushed);
        return new Repository(rs.getLong("id"), rs.getLong("owner_id"), rs.getString("owner_login"),
                rs.getString("name"), rs.getString("description"), rs.getBoolean("private"),
                rs.getString("default_branch"), Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")), pushedAt);
    }
}
