package dev.hearth.ui;

/** A repository nothing was pushed to yet: how to push the first commit. */
public record EmptyRepoPage(RepoHeader repo, Clone urls, String defaultBranch) {}
