package dev.hearth.error;

import java.util.List;

/**
 * The one exception root of the domain. Code anywhere throws it with a category; exactly one
 * place (the web layer's problem mapper) turns it into an RFC 9457 response.
 */
public final class HearthException extends RuntimeException {
    private final ErrorCategory category;
    private final List<FieldError> errors;
    private final java.time.Duration retryAfter;
    private final String challenge;

    public HearthException(ErrorCategory category, String detail, List<FieldError> errors) {
        this(category, detail, errors, null, null);
    }

    private HearthException(ErrorCategory category, String detail, List<FieldError> errors, java.time.Duration retryAfter,
                            String challenge) {
        super(detail);
        this.category = category;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
        this.challenge = challenge;
    }

    /** 429: the caller should wait {@code retryAfter} before trying again. */
    public static HearthException tooManyRequests(String detail, java.time.Duration retryAfter) {
        return new HearthException(ErrorCategory.TOO_MANY_REQUESTS, detail, List.of(), retryAfter, null);
    }

    /** 503: the server is busy with work of this kind; the caller should retry after {@code retryAfter}. */
    public static HearthException unavailable(String detail, java.time.Duration retryAfter) {
        return new HearthException(ErrorCategory.UNAVAILABLE, detail, List.of(), retryAfter, null);
    }

    /**
     * 401 for a bearer token that was presented but is expired, tampered with or revoked, with
     * RFC 6750's {@code WWW-Authenticate: Bearer error="invalid_token"}, so a client knows to get a
     * new token rather than ask for a password.
     */
    public static HearthException invalidToken(String detail) {
        return new HearthException(ErrorCategory.UNAUTHENTICATED, detail, List.of(), null,
                "Bearer realm=\"Hearth\", error=\"invalid_token\"");
    }

    /** The {@code WWW-Authenticate} value a 401 should carry instead of the default Basic challenge. */
    public java.util.Optional<String> challenge() {
        return java.util.Optional.ofNullable(challenge);
    }

    /** How long to wait before retrying, for a 429 or a 503. */
    public java.util.Optional<java.time.Duration> retryAfter() {
        return java.util.Optional.ofNullable(retryAfter);
    }

    public HearthException(ErrorCategory category, String detail) {
        this(category, detail, List.of());
    }

    public ErrorCategory category() { return category; }

    public List<FieldError> errors() { return errors; }

    public static HearthException notFound(String detail) {
        return new HearthException(ErrorCategory.NOT_FOUND, detail);
    }

    public static HearthException invalid(String field, String message) {
        return new HearthException(ErrorCategory.INVALID, field + ": " + message,
                List.of(new FieldError(field, message)));
    }

    public static HearthException conflict(String detail) {
        return new HearthException(ErrorCategory.CONFLICT, detail);
    }

    public static HearthException denied(String detail) {
        return new HearthException(ErrorCategory.PERMISSION_DENIED, detail);
    }

    public static HearthException unauthenticated(String detail) {
        return new HearthException(ErrorCategory.UNAUTHENTICATED, detail);
    }

    public static HearthException malformed(String detail) {
        return new HearthException(ErrorCategory.MALFORMED, detail);
    }
}
