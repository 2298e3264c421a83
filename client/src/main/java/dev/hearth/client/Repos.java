package dev.hearth.client;

import java.util.stream.Stream;

/** Repositories: create, list, read, change, delete. */
public final class Repos {
    private final Transport t;
    private final int perPage;

    Repos(Transport t, int perPage) {
        this.t = t;
        this.perPage = perPage;
    }

    /** Creates a repository owned by the caller. */
    public Repo create(NewRepo repo) {
        return t.json(t.call("POST", "/api/v3/user/repos", repo), Repo.class);
    }

    /** Every repository the caller owns or collaborates on, page by page as the stream is read. */
    public Stream<Repo> list() {
        return Pages.stream(t, "/api/v3/user/repos", perPage, Repo.class);
    }

    /** A user's repositories that the caller may see. */
    public Stream<Repo> listFor(String login) {
        return Pages.stream(t, "/api/v3/users/" + Urls.segment(login) + "/repos", perPage, Repo.class);
    }

    public Repo get(String owner, String name) {
        return t.json(Transport.Call.get(Urls.repo(owner, name)), Repo.class);
    }

    public Repo update(String owner, String name, RepoUpdate changes) {
        return t.json(t.call("PATCH", Urls.repo(owner, name), changes), Repo.class);
    }

    public void delete(String owner, String name) {
        t.discard(t.call("DELETE", Urls.repo(owner, name), null));
    }
}
