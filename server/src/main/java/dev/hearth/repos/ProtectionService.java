package dev.hearth.repos;

import dev.hearth.accounts.AccountService;
import dev.hearth.accounts.User;
import dev.hearth.audit.AuditLog;
import dev.hearth.error.HearthException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/** Protected branches of a repository: kept by pattern, read by every write path. */
public final class ProtectionService {
    private final Jdbi jdbi;
    private final AccountService accounts;
    private final Clock clock;
    private final AuditLog audit;

    public ProtectionService(Jdbi jdbi, AccountService accounts, AuditLog audit, Clock clock) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Every protection of a repository, for checking a push. */
    public List<BranchProtection> all(long repoId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT pattern, allow_force_pushes, allow_deletions, enforce_admins, restrict_users
                        FROM branch_protections WHERE repository_id = :repo ORDER BY pattern""")
                .bind("repo", repoId)
                .map((rs, c) -> new BranchProtection(rs.getString("pattern"), rs.getBoolean("allow_force_pushes"),
                        rs.getBoolean("allow_deletions"), rs.getBoolean("enforce_admins"), ids(rs.getString("restrict_users"))))
                .list());
    }

    public Optional<BranchProtection> get(RepoService.Access access, String pattern) {
        access.require(RepoAction.MANAGE_PROTECTION);
        return all(access.repo().id()).stream().filter(p -> p.pattern().equals(pattern)).findFirst();
    }

    /** Sets the protection of a branch or pattern; {@code pusherLogins} null means no restriction. */
    public BranchProtection put(RepoService.Access access, String pattern, boolean allowForcePushes, boolean allowDeletions,
                                boolean enforceAdmins, List<String> pusherLogins) {
        access.require(RepoAction.MANAGE_PROTECTION);
        if (pattern.isBlank() || pattern.length() > 255 || pattern.chars().anyMatch(Character::isISOControl)) {
            throw HearthException.invalid("branch", "is not a branch name or pattern");
        }
        Optional<List<Long>> pushers = Optional.empty();
        if (pusherLogins != null) {
            List<Long> ids = new ArrayList<>();
            for (String login : pusherLogins) {
                User u = accounts.find(login == null ? "" : login)
                        .orElseThrow(() -> HearthException.invalid("restrictions.users", "no user " + login));
                ids.add(u.id());
            }
            pushers = Optional.of(List.copyOf(ids));
        }
        String restrict = pushers.map(l -> l.stream().map(String::valueOf).collect(Collectors.joining(","))).orElse(null);
        long now = clock.instant().toEpochMilli();
        long repo = access.repo().id();
        jdbi.useTransaction(h -> {
            int updated = h.createUpdate("""
                    UPDATE branch_protections SET allow_force_pushes = :force, allow_deletions = :del, enforce_admins = :admins,
                           restrict_users = :users, updated_at = :now WHERE repository_id = :repo AND pattern = :pattern""")
                    .bind("force", allowForcePushes).bind("del", allowDeletions).bind("admins", enforceAdmins)
                    .bind("users", restrict).bind("now", now).bind("repo", repo).bind("pattern", pattern).execute();
            if (updated == 0) {
                h.createUpdate("""
                        INSERT INTO branch_protections (repository_id, pattern, allow_force_pushes, allow_deletions, enforce_admins,
                                                        restrict_users, created_at, updated_at)
                        VALUES (:repo, :pattern, :force, :del, :admins, :users, :now, :now)""")
                        .bind("force", allowForcePushes).bind("del", allowDeletions).bind("admins", enforceAdmins)
                        .bind("users", restrict).bind("now", now).bind("repo", repo).bind("pattern", pattern).execute();
            }
            audit.record(h, "repo.protection.set", access.repo().fullName(), java.util.Map.of("pattern", pattern,
                    "allow_force_pushes", allowForcePushes, "allow_deletions", allowDeletions, "enforce_admins", enforceAdmins,
                    "restricted", restrict != null));
        });
        return new BranchProtection(pattern, allowForcePushes, allowDeletions, enforceAdmins, pushers);
    }

    public void delete(RepoService.Access access, String pattern) {
        access.require(RepoAction.MANAGE_PROTECTION);
        boolean removed = jdbi.inTransaction(h -> {
            boolean gone = h.createUpdate("DELETE FROM branch_protections WHERE repository_id = :repo AND pattern = :pattern")
                    .bind("repo", access.repo().id()).bind("pattern", pattern).execute() > 0;
            if (gone) audit.record(h, "repo.protection.removed", access.repo().fullName(), java.util.Map.of("pattern", pattern));
            return gone;
        });
        if (!removed) throw HearthException.notFound("Branch not protected");
    }

    /** Logins of the restricted pushers, for showing a protection. */
    public List<String> logins(List<Long> ids) {
        return ids.stream().map(id -> accounts.find(id).map(User::login).orElse(null)).filter(l -> l != null).toList();
    }

    private static Optional<List<Long>> ids(String csv) {
        if (csv == null) return Optional.empty();
        if (csv.isEmpty()) return Optional.of(List.of());
        return Optional.of(Arrays.stream(csv.split(",")).map(Long::parseLong).toList());
    }
}
