package dev.hearth.client;

/**
 * The event stream ended for good: the server refused the credentials (close code 1008) or the
 * subscription, so reconnecting would not help.
 */
public final class EventStreamException extends HearthClientException {
    private final int closeCode;

    EventStreamException(String message, int closeCode) {
        super(message, null);
        this.closeCode = closeCode;
    }

    /** The WebSocket close code, or 0 when the server refused with a message instead. */
    public int closeCode() {
        return closeCode;
    }
}
