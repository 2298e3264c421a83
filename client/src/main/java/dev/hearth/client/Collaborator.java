package dev.hearth.client;

/** A person with access to a repository; {@code roleName} is {@code read}, {@code triage}, {@code write}, {@code maintain} or {@code admin}. */
public record Collaborator(String login, long id, String type, boolean siteAdmin, Repo.Permissions permissions,
                           String roleName) {}
