package dev.hearth.events;

import dev.hearth.accounts.Principal;
import dev.hearth.error.HearthException;
import dev.hearth.repos.RepoAction;
import dev.hearth.repos.RepoService;
import dev.hearth.storage.SecretBox;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import tools.jackson.databind.json.JsonMapper;

/**
 * Repository webhooks: saving them (the URL checked against {@link SsrfGuard}, the secret
 * sealed), pings, the delivery log and redeliveries. Managing hooks needs admin on the repository.
 */
public final class HookService {
    static final Set<String> EVENTS = Set.of("*", "push", "create", "delete", "repository", "member");

    private final Jdbi jdbi;
    private final RepoService repos;
    private final SecretBox secrets;
    private final SsrfGuard guard;
    private final JsonMapper json;
    private final Clock clock;
    private final Runnable wakeSender;
    private final HookDao dao = new HookDao();

    public HookService(Jdbi jdbi, RepoService repos, SecretBox secrets, SsrfGuard guard, JsonMapper json, Clock clock,
                       Runnable wakeSender) {
        this.jdbi = jdbi;
        this.repos = repos;
        this.secrets = secrets;
        this.guard = guard;
        this.json = json;
        this.clock = clock;
        this.wakeSender = wakeSender;
    }

    /** What a hook should be; null fields keep their value on update. */
    public record Spec(String url, String contentType, String secret, Boolean insecureSsl, List<String> events,
                       List<String> addEvents, List<String> removeEvents, Boolean active) {}

    /**
     * The repository for hook management, as {@link dev.hearth.repos.AccessPolicy} decides
     * {@link RepoAction#MANAGE_HOOKS}: admin on the repository, and a credential with
     * {@code admin:repo_hook} (which alone is enough, as on GitHub).
     */
    public RepoService.Access access(Principal caller, String owner, String name) {
        return repos.find(java.util.Optional.of(caller), owner, name, RepoAction.MANAGE_HOOKS).require(RepoAction.MANAGE_HOOKS);
    }

    public Hook create(RepoService.Access access, Spec spec) {
        if (spec.url() == null) throw HearthException.invalid("config.url", "is required");
        guard.check(spec.url());
        List<String> events = spec.events() == null ? List.of("push") : validEvents(spec.events());
        String type = contentType(spec.contentType() == null ? "form" : spec.contentType());
        String sealed = spec.secret() == null || spec.secret().isEmpty() ? null : secrets.seal(spec.secret());
        long id = jdbi.inTransaction(h -> dao.insertHook(h, access.repo().id(), spec.url(), type, sealed,
                Boolean.TRUE.equals(spec.insecureSsl()), events, spec.active() == null || spec.active(), clock.instant()));
        return get(access, id);
    }

    public Hook update(RepoService.Access access, long id, Spec spec) {
        Hook old = get(access, id);
        if (spec.url() != null) guard.check(spec.url());
        List<String> events = new ArrayList<>(spec.events() == null ? old.events() : validEvents(spec.events()));
        if (spec.addEvents() != null) validEvents(spec.addEvents()).forEach(e -> { if (!events.contains(e)) events.add(e); });
        if (spec.removeEvents() != null) events.removeAll(spec.removeEvents());
        Hook next = new Hook(old.id(), old.repoId(), spec.url() == null ? old.url() : spec.url(),
                spec.contentType() == null ? old.contentType() : contentType(spec.contentType()),
                spec.secret() == null ? old.sealedSecret() : spec.secret().isEmpty() ? null : secrets.seal(spec.secret()),
                spec.insecureSsl() == null ? old.insecureSsl() : spec.insecureSsl(), List.copyOf(events),
                spec.active() == null ? old.active() : spec.active(), old.createdAt(), old.updatedAt());
        jdbi.useTransaction(h -> dao.updateHook(h, next, clock.instant()));
        return get(access, id);
    }

    public void delete(RepoService.Access access, long id) {
        if (!jdbi.inTransaction(h -> dao.deleteHook(h, access.repo().id(), id))) throw notFound();
    }

    public Hook get(RepoService.Access access, long id) {
        return jdbi.withHandle(h -> dao.hook(h, access.repo().id(), id)).orElseThrow(HookService::notFound);
    }

    public RepoService.Listing<Hook> list(RepoService.Access access, int limit, long offset) {
        long repo = access.repo().id();
        return jdbi.withHandle(h -> new RepoService.Listing<>(dao.hooks(h, repo, limit, offset), dao.countHooks(h, repo)));
    }

    /** Queues GitHub's {@code ping} event for one hook. */
    public void ping(RepoService.Access access, long id, Principal caller, String base) {
        Hook hook = get(access, id);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("zen", "Keep it logically awesome.");
        payload.put("hook_id", hook.id());
        payload.put("hook", Map.of("type", "Repository", "id", hook.id(), "active", hook.active(), "events", hook.events(),
                "config", Map.of("url", hook.url(), "content_type", hook.contentType())));
        payload.put("repository", EventPayloads.repository(RepoService.snapshot(access.repo()), base));
        payload.put("sender", Map.of("login", caller.login(), "id", caller.userId(), "type", "User"));
        jdbi.useTransaction(h -> dao.insertDelivery(h, hook.id(), hook.repoId(), UUID.randomUUID().toString(), "ping", null,
                json.writeValueAsString(payload), false, clock.instant()));
        wakeSender.run();
    }

    public RepoService.Listing<Delivery> deliveries(RepoService.Access access, long hookId, int limit, long offset) {
        get(access, hookId);
        return jdbi.withHandle(h -> new RepoService.Listing<>(dao.deliveries(h, hookId, limit, offset), dao.countDeliveries(h, hookId)));
    }

    public Delivery delivery(RepoService.Access access, long hookId, long deliveryId) {
        get(access, hookId);
        return jdbi.withHandle(h -> dao.delivery(h, hookId, deliveryId))
                .orElseThrow(() -> HearthException.notFound("No such delivery"));
    }

    /**
     * Sends a delivery's payload again, as a new delivery marked as a redelivery with the same
     * {@code X-GitHub-Delivery} id, as GitHub does, so receivers can tell it is the same event.
     */
    public void redeliver(RepoService.Access access, long hookId, long deliveryId) {
        Delivery d = delivery(access, hookId, deliveryId);
        jdbi.useTransaction(h -> dao.insertDelivery(h, hookId, d.repoId(), d.guid(), d.event(), d.action(),
                d.payload(), true, clock.instant()));
        wakeSender.run();
    }

    private static List<String> validEvents(List<String> events) {
        for (String e : events) {
            if (e == null || !EVENTS.contains(e)) {
                throw HearthException.invalid("events", "unknown event '" + e + "'; known: *, push, create, delete, repository, member");
            }
        }
        return List.copyOf(new LinkedHashSet<>(events));
    }

    private static String contentType(String type) {
        if (type.equals("json") || type.equals("form")) return type;
        throw HearthException.invalid("config.content_type", "must be json or form");
    }

    private static HearthException notFound() {
        return HearthException.notFound("No such hook");
    }
}
