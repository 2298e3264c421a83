package dev.hearth.cli;

/** No server or no credentials to reach it with: exit code 3, with what to do about it. */
final class NotLoggedInException extends RuntimeException {
    NotLoggedInException(String message) {
        super(message);
    }
}
