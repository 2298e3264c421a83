package dev.hearth.web;

/** Whoever made a request, as far as the HTTP layer needs to know: for the access and audit logs. */
public interface Caller {
    long id();

    String login();
}
