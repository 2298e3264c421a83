package dev.hearth.error;

/** One invalid input field: which one, and what is wrong with it, in words a user can act on. */
public record FieldError(String field, String message) {}
