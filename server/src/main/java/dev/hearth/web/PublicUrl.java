package dev.hearth.web;

import io.javalin.http.Context;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Where users reach Hearth, for the links in API answers: the configured public URL, or else
 * the scheme and host the request came in on; and for SSH the same host on the SSH port.
 *
 * @param sshPort the port git over SSH listens on, 0 when SSH is off; asked on each use, since a
 *                server started on port 0 learns its port only once it listens
 */
public record PublicUrl(String configured, IntSupplier sshPort) {

    public PublicUrl(String configured) {
        this(configured, () -> 0);
    }

    public String base(Context ctx) {
        if (!configured.isEmpty()) return configured;
        return ctx.scheme() + "://" + ctx.host();
    }

    /** {@code ssh://git@host:port}, the host as in {@link #base}; empty when SSH is off. */
    public Optional<String> sshBase(Context ctx) {
        int port = sshPort.getAsInt();
        if (port <= 0) return Optional.empty();
        String host = configured.isEmpty() ? withoutPort(ctx.host()) : URI.create(configured).getHost();
        return Optional.of("ssh://git@" + host + ":" + port);
    }

    private static String withoutPort(String hostHeader) {
        if (hostHeader.startsWith("[")) {
            int end = hostHeader.indexOf(']');
            return end < 0 ? hostHeader : hostHeader.substring(0, end + 1);
        }
        int colon = hostHeader.indexOf(':');
        return colon < 0 ? hostHeader : hostHeader.substring(0, colon);
    }

    /** GitHub's timestamps have whole seconds. */
    public static Instant seconds(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
    }
}
