package dev.hearth.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hearth.error.ErrorCategory;
import dev.hearth.error.FieldError;
import java.util.List;

/** An RFC 9457 problem details body ({@code application/problem+json}). */
public record Problem(String type, String title, int status, String detail, String requestId,
                      @JsonInclude(JsonInclude.Include.NON_NULL) List<FieldError> errors) {
    public static final String CONTENT_TYPE = "application/problem+json";

    static Problem of(ErrorCategory category, String detail, String requestId,
                      @JsonInclude(JsonInclude.Include.NON_NULL) List<FieldError> errors) {
        return new Problem(typeOf(category), category.title(), category.status(), detail, requestId,
                errors.isEmpty() ? null : errors);
    }

    static String typeOf(ErrorCategory category) {
        return "https://hearth.dev/problems/" + category.slug();
    }
}
