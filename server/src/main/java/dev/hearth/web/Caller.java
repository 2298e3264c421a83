package dev.hearth.web;

/** Whoever made a request, as far as the HTTP layer needs to know: a name for the access log. */
public interface Caller {
    String login();
}
