package dev.hearth.web;

import java.util.Optional;
import java.util.function.Function;

/**
 * Who a browser's session cookie names, for the one non-page endpoint that accepts it: the
 * events WebSocket upgrade, which a page opens and which cannot carry an {@code Authorization}
 * header. Implementations refuse cross-site upgrades ({@code Origin} of another site).
 */
@FunctionalInterface
public interface SessionReader<P> {
    /** Reads the session from the request headers (a name to value function; null when absent). */
    Optional<P> read(Function<String, String> headers);

    static <P> SessionReader<P> none() {
        return headers -> Optional.empty();
    }
}
