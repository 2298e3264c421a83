package dev.hearth.activity;

import java.time.Instant;

/** A recorded activity: its place in the one ordered stream, and when it happened. */
public record Event(long id, Instant createdAt, Activity activity) {}
