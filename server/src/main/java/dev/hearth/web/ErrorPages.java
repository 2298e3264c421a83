package dev.hearth.web;

import io.javalin.http.Context;

/**
 * Errors for people rather than programs: the web UI's pages answer their errors as HTML in the
 * site's look, while the API and git keep problem+json. The one error mapper asks this first.
 */
public interface ErrorPages {
    /** Whether a request is for a page (and so should get an HTML error). */
    boolean isPage(Context ctx);

    /** Writes the error page; {@code status} is already set on the response. */
    void render(Context ctx, int status, String title, String detail);

    /** No pages: every error is problem+json. */
    ErrorPages NONE = new ErrorPages() {
        @Override
        public boolean isPage(Context ctx) {
            return false;
        }

        @Override
        public void render(Context ctx, int status, String title, String detail) {
            throw new IllegalStateException("no error pages");
        }
    };
}
