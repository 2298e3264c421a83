package dev.hearth.ui;

/** The sign-in form's fields, as shown again after a failure; {@code error} is null at first. */
public record LoginForm(String login, String next, String error) {}
