package dev.hearth.git;

import dev.hearth.accounts.Principal;
import dev.hearth.audit.Actor;
import dev.hearth.repos.RepoCreator;
import dev.hearth.repos.RepoService;
import dev.hearth.repos.Repository;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * New repositories, with the README of {@code auto_init} committed through {@link CommitWriter}
 * and so through the write path like any other commit: it raises the same create and push events
 * and audit entry. Should that commit fail, the repository stays, empty, and the error is the
 * caller's.
 */
public final class InitialCommit implements RepoCreator {
    private final RepoService repos;
    private final CommitWriter writer;

    public InitialCommit(RepoService repos, CommitWriter writer) {
        this.repos = repos;
        this.writer = writer;
    }

    @Override
    public Repository create(Principal caller, RepoService.NewRepo spec, boolean autoInit, Actor from) {
        Repository repo = repos.create(caller, spec);
        if (!autoInit) return repo;
        RepoService.Access access = repos.find(Optional.of(caller), repo.ownerLogin(), repo.name());
        byte[] readme = ("# " + repo.name() + "\n"
                + (repo.description() == null || repo.description().isBlank() ? "" : "\n" + repo.description() + "\n"))
                .getBytes(StandardCharsets.UTF_8);
        RepoPath path = new RepoPath("README.md");
        writer.commit(access, caller, from, repo.defaultBranch(), "Initial commit", edit -> List.of(
                new CommitWriter.Change.Write(path, edit.insert(path, readme.length, new ByteArrayInputStream(readme)))));
        return repos.byId(repo.id()).orElse(repo);
    }
}
