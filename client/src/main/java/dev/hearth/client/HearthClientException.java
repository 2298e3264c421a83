package dev.hearth.client;

/**
 * Everything the SDK throws: the server answered with a problem ({@link ProblemException}), it
 * could not be reached ({@link ConnectionFailedException}), the OAuth token endpoint refused the
 * client ({@link TokenRequestException}), or the event stream was refused ({@link EventStreamException}).
 * Unchecked, so that lazy {@code Stream}s of pages can throw it too.
 */
public sealed class HearthClientException extends RuntimeException
        permits ProblemException, ConnectionFailedException, TokenRequestException, EventStreamException {

    HearthClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
