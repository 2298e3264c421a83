package dev.hearth.client;

import java.util.List;

/**
 * An RFC 9457 problem as Hearth answers it ({@code application/problem+json}). Branch on
 * {@link #type()}, never on the wording of {@code title} or {@code detail}.
 *
 * @param errors one entry per invalid field of a 422 (empty otherwise)
 */
public record Problem(String type, String title, int status, String detail, String requestId,
                      List<FieldError> errors) {

    /** The type of a validation failure (422). */
    public static final String VALIDATION_FAILED = "https://hearth.dev/problems/validation-failed";
    public static final String NOT_FOUND = "https://hearth.dev/problems/not-found";
    public static final String UNAUTHENTICATED = "https://hearth.dev/problems/unauthenticated";
    public static final String PERMISSION_DENIED = "https://hearth.dev/problems/permission-denied";
    public static final String CONFLICT = "https://hearth.dev/problems/conflict";
    public static final String RATE_LIMITED = "https://hearth.dev/problems/rate-limited";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** One invalid field: its JSON name (dotted for nested ones) and what is wrong with it. */
    public record FieldError(String field, String message) {}
}
