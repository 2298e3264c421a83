package dev.hearth.web;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Where users reach Hearth, for the links in API answers: the configured public URL, or else
 * the scheme and host the request came in on.
 */
public record PublicUrl(String configured) {

    public String base(Context ctx) {
        if (!configured.isEmpty()) return configured;
        return ctx.scheme() + "://" + ctx.host();
    }

    /** GitHub's timestamps have whole seconds. */
    public static Instant seconds(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
    }
}
