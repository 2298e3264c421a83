package dev.hearth.client;

/**
 * Receives a subscription's events, one at a time, in the server's order, each exactly once.
 * Called by the subscription's WebSocket, never concurrently: a slow listener delays the next event.
 */
@FunctionalInterface
public interface EventListener {
    void onEvent(HearthEvent event);

    /** The connection dropped ({@code reason}); the subscription reconnects and resumes by itself. */
    default void onReconnecting(String reason) {}

    /** The subscription ended for good (refused credentials or subscription); no more events follow. */
    default void onError(HearthClientException error) {}
}
