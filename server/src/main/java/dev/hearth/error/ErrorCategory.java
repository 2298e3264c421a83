package dev.hearth.error;

/**
 * The closed set of things that can go wrong in a way a client should hear about. Each category
 * fixes the HTTP status and the problem {@code type}, so clients branch on the type, never on text.
 */
public enum ErrorCategory {
    MALFORMED(400, "malformed-request", "Malformed request"),
    UNAUTHENTICATED(401, "unauthenticated", "Authentication required"),
    PERMISSION_DENIED(403, "permission-denied", "Permission denied"),
    NOT_FOUND(404, "not-found", "Not found"),
    CONFLICT(409, "conflict", "Conflict"),
    TOO_LARGE(413, "too-large", "Request too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    INVALID(422, "validation-failed", "Validation failed"),
    TOO_MANY_REQUESTS(429, "rate-limited", "Too many requests"),
    UNAVAILABLE(503, "unavailable", "Service unavailable"),
    /** The server's storage (disk or database) is out of space: the client may retry once an operator freed some. */
    INSUFFICIENT_STORAGE(507, "insufficient-storage", "Insufficient storage");

    private final int status;
    private final String slug;
    private final String title;

    ErrorCategory(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() { return status; }

    /** The category that answers with this status, if there is one. */
    public static java.util.Optional<ErrorCategory> forStatus(int status) {
        for (ErrorCategory c : values()) {
            if (c.status == status) return java.util.Optional.of(c);
        }
        return java.util.Optional.empty();
    }

    public String slug() { return slug; }

    public String title() { return title; }
}
