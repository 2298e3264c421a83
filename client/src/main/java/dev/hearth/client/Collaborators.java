package dev.hearth.client;

import java.util.Map;
import java.util.stream.Stream;

/** The people with access to a repository, and at which level ({@code read}, {@code write}, {@code admin}). */
public final class Collaborators {
    private final Transport t;
    private final int perPage;

    Collaborators(Transport t, int perPage) {
        this.t = t;
        this.perPage = perPage;
    }

    public Stream<Collaborator> list(String owner, String repo) {
        return Pages.stream(t, Urls.repo(owner, repo) + "/collaborators", perPage, Collaborator.class);
    }

    /** Adds a collaborator or changes their level; true when they were added, false when changed. */
    public boolean put(String owner, String repo, String login, String permission) {
        return t.discard(t.call("PUT", path(owner, repo, login), Map.of("permission", permission))) == 201;
    }

    public void remove(String owner, String repo, String login) {
        t.discard(t.call("DELETE", path(owner, repo, login), null));
    }

    private static String path(String owner, String repo, String login) {
        return Urls.repo(owner, repo) + "/collaborators/" + Urls.segment(login);
    }
}
