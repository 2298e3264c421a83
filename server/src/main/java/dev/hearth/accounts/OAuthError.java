package dev.hearth.accounts;

/**
 * A refusal at the OAuth token endpoint, in RFC 6749 §5.2's terms: the endpoint answers
 * {@code {"error": code, "error_description": detail}} with the code's status, not problem+json,
 * because OAuth clients parse exactly that.
 */
public final class OAuthError extends RuntimeException {

    /** The error codes of RFC 6749 §5.2 that Hearth uses, with their statuses. */
    public enum Code {
        INVALID_REQUEST("invalid_request", 400),
        INVALID_CLIENT("invalid_client", 401),
        UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", 400),
        INVALID_SCOPE("invalid_scope", 400);

        private final String wire;
        private final int status;

        Code(String wire, int status) {
            this.wire = wire;
            this.status = status;
        }

        public String wire() { return wire; }

        public int status() { return status; }
    }

    private final Code code;

    public OAuthError(Code code, String detail) {
        super(detail);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
