package dev.hearth.client;

import java.util.concurrent.CompletableFuture;

/** A live subscription to a repository's events; close it to stop. */
public interface Subscription extends AutoCloseable {
    /** The id of the last event delivered to the listener (0 before the first). */
    long lastEventId();

    /** Completes when the subscription ends: normally after {@link #close()}, exceptionally when refused for good. */
    CompletableFuture<Void> done();

    @Override
    void close();
}
