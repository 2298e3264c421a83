package dev.hearth.client;

import java.time.Duration;

/**
 * The live event stream ({@code /api/v3/events} over {@link java.net.http.WebSocket}).
 * A subscription reconnects by itself when the connection drops (a server restart, a close
 * for being too slow) and resumes after the last event it delivered, so the listener sees
 * every event of the repository once, with no gaps.
 */
public final class Events {
    private final Transport t;
    private final Repos repos;
    private final Sleeper sleeper;
    private final Duration maxBackoff;

    Events(Transport t, Repos repos, Sleeper sleeper, Duration maxBackoff) {
        this.t = t;
        this.repos = repos;
        this.sleeper = sleeper;
        this.maxBackoff = maxBackoff;
    }

    /** Subscribes to {@code owner/name}'s events from now on. */
    public Subscription subscribe(String repo, EventListener listener) {
        return subscribe(repo, -1, listener);
    }

    /**
     * Subscribes to {@code owner/name}'s events after event {@code afterId} (those the server
     * still has are replayed first); -1 for events from now on. Returns once the server has
     * confirmed the subscription; a repository the caller cannot read is a 404 {@link ProblemException}.
     */
    public Subscription subscribe(String repo, long afterId, EventListener listener) {
        String[] parts = repo.split("/", 2);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("name the repository as owner/name, not '" + repo + "'");
        }
        Repo found = repos.get(parts[0], parts[1]); // a real 404 problem if it is not there for the caller
        EventSocket socket = new EventSocket(t, found.fullName(), afterId, listener, sleeper, maxBackoff);
        socket.start();
        return socket;
    }
}
