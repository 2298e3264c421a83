package dev.hearth.config;

import java.time.Duration;

/**
 * How long and how slowly a client may hold a connection, and how many event sockets it may
 * open: the limits of the transports (HTTP, SSH, WebSocket), in one place so tests can make them small.
 *
 * @param httpIdleTimeout     an HTTP connection waiting on the client this long is closed
 * @param minRequestDataRate  bytes per second a request body must arrive at, on average, once it has started
 * @param sshIdleTimeout      an SSH session waiting on the client this long is closed (not while Hearth works)
 * @param eventPing           the event stream's ping interval; a socket that answers none of three is closed
 * @param eventSocketsPerUser event sockets one user may hold open at once
 * @param eventSocketsPerAddress event sockets one address may hold open at once, signed in or not
 */
public record TransportLimits(Duration httpIdleTimeout, long minRequestDataRate, Duration sshIdleTimeout,
                              Duration eventPing, int eventSocketsPerUser, int eventSocketsPerAddress) {
    /**
     * 30 s idle as Jetty's default; 256 bytes/s minimum like Kestrel's 240 (a drip of one byte
     * every 10 s is 0.1); SSH idle 2 min as MINA's own authentication timeout; the documented
     * 30 s ping; 50 sockets per user (tabs, bots, CI) and 200 per address (an office behind NAT).
     */
    public static final TransportLimits DEFAULTS = new TransportLimits(Duration.ofSeconds(30), 256,
            Duration.ofMinutes(2), Duration.ofSeconds(30), 50, 200);
}
