package dev.hearth.client;

import java.io.IOException;

/** The server could not be reached, or the connection broke before a whole answer arrived. */
public final class ConnectionFailedException extends HearthClientException {
    ConnectionFailedException(String message, IOException cause) {
        super(message, cause);
    }
}
