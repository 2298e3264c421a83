package dev.hearth.client;

import java.util.Map;
import java.util.stream.Stream;

/** A repository's webhooks and their deliveries (needs admin on the repository, a token with {@code admin:repo_hook}). */
public final class Hooks {
    private final Transport t;
    private final int perPage;

    Hooks(Transport t, int perPage) {
        this.t = t;
        this.perPage = perPage;
    }

    public Stream<Hook> list(String owner, String repo) {
        return Pages.stream(t, base(owner, repo), perPage, Hook.class);
    }

    public Hook create(String owner, String repo, NewHook hook) {
        return t.json(t.call("POST", base(owner, repo), Map.of("name", "web", "config", hook.config(),
                "events", hook.events() == null ? java.util.List.of("push") : hook.events(),
                "active", hook.active() == null ? Boolean.TRUE : hook.active())), Hook.class);
    }

    public Hook get(String owner, String repo, long id) {
        return t.json(Transport.Call.get(base(owner, repo) + "/" + id), Hook.class);
    }

    public Hook update(String owner, String repo, long id, HookUpdate changes) {
        return t.json(t.call("PATCH", base(owner, repo) + "/" + id, changes), Hook.class);
    }

    public void delete(String owner, String repo, long id) {
        t.discard(t.call("DELETE", base(owner, repo) + "/" + id, null));
    }

    /** Sends a {@code ping} event to the hook (delivered from the outbox, like any other). */
    public void ping(String owner, String repo, long id) {
        t.discard(t.call("POST", base(owner, repo) + "/" + id + "/pings", null));
    }

    /** The hook's deliveries. */
    public Stream<Delivery> deliveries(String owner, String repo, long id) {
        return Pages.stream(t, base(owner, repo) + "/" + id + "/deliveries", perPage, Delivery.class);
    }

    /** Queues one more attempt of a delivery. */
    public void redeliver(String owner, String repo, long id, long delivery) {
        t.discard(t.call("POST", base(owner, repo) + "/" + id + "/deliveries/" + delivery + "/attempts", null));
    }

    private static String base(String owner, String repo) {
        return Urls.repo(owner, repo) + "/hooks";
    }
}
