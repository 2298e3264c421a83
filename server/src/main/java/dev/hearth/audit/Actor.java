package dev.hearth.audit;

import java.util.Locale;

/**
 * Who did something and from where, passed explicitly down to the audit log (and to the write
 * path that records it) instead of being read from the logging context: the user (null id for
 * nobody), the client's address, the request id when there is one (HTTP has, SSH has none), and
 * the transport it came by.
 */
public record Actor(Long userId, String login, String address, String requestId, Transport transport) {
    /** How the action reached Hearth. */
    public enum Transport {
        /** The REST API, the web UI or git over smart HTTP. */
        HTTP,
        /** Git over SSH. */
        SSH,
        /** Hearth itself, e.g. recovering at start what a crash interrupted. */
        INTERNAL;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
