package dev.hearth.accounts;

import java.time.Instant;

/** A person (or machine account) who can sign in. */
public record User(long id, String login, String email, boolean siteAdmin, Instant createdAt, Instant updatedAt) {}
