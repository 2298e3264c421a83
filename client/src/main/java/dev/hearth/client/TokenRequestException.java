package dev.hearth.client;

/**
 * The OAuth token endpoint refused to issue a token (RFC 6749 §5.2): {@code error} is its code,
 * such as {@code invalid_client} or {@code invalid_scope}.
 */
public final class TokenRequestException extends HearthClientException {
    private final int status;
    private final String error;

    TokenRequestException(int status, String error, String description) {
        super("token request refused (" + status + "): " + error + (description == null ? "" : ": " + description), null);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
