package dev.hearth.ui;

/**
 * What the live banner listens for: pushes to {@code branch} of {@code repo} that move it away
 * from {@code sha}. Pages have one only for a branch, and only for a signed-in user (the events
 * stream needs one).
 */
public record Live(String repo, String branch, String sha) {}
