package dev.hearth.ui;

import dev.hearth.error.ErrorCategory;
import dev.hearth.error.FieldError;
import dev.hearth.error.HearthException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A form's errors by field, from the same validation the API runs: a service's 422 (or 409, a
 * name taken) becomes messages beside the fields, and the page answers 422.
 */
public record FormErrors(Map<String, String> byField, String general) {
    static final FormErrors NONE = new FormErrors(Map.of(), null);

    /** The errors of a refused change; anything but invalid input or a conflict is rethrown. */
    static FormErrors of(HearthException e) {
        if (e.category() != ErrorCategory.INVALID && e.category() != ErrorCategory.CONFLICT) throw e;
        Map<String, String> fields = new LinkedHashMap<>();
        for (FieldError f : e.errors()) fields.merge(f.field(), f.message(), (a, b) -> a + "; " + b);
        return new FormErrors(fields, fields.isEmpty() ? e.getMessage() : null);
    }

    public String of(String field) {
        return byField.get(field);
    }

    public boolean any() {
        return general != null || !byField.isEmpty();
    }
}
