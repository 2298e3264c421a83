package dev.hearth.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hearth.accounts.Principal;
import dev.hearth.web.PathIds;
import dev.hearth.error.HearthException;
import dev.hearth.repos.RepoService;
import dev.hearth.web.Authentication;
import dev.hearth.web.JsonBody;
import dev.hearth.web.PageRequest;
import dev.hearth.web.PublicUrl;
import dev.hearth.web.Routes;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Repository webhooks under {@code /api/v3/repos/{owner}/{repo}/hooks}, in GitHub's shapes. */
public final class HookRoutes implements Routes {
    private final HookService hooks;
    private final Authentication<Principal> auth;
    private final JsonBody body;
    private final PublicUrl publicUrl;

    public HookRoutes(HookService hooks, Authentication<Principal> auth, JsonBody body, PublicUrl publicUrl) {
        this.hooks = hooks;
        this.auth = auth;
        this.body = body;
        this.publicUrl = publicUrl;
    }

    /** GitHub's {@code config}; {@code insecure_ssl} is "0" or "1". */
    record Config(String url, String contentType, String secret, String insecureSsl) {}

    record Create(String name, Config config, List<String> events, Boolean active) {}

    record Update(Config config, List<String> events, List<String> addEvents, List<String> removeEvents, Boolean active) {}

    record ConfigJson(String url, String contentType, String insecureSsl,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {}

    record HookJson(String type, long id, String name, boolean active, List<String> events, ConfigJson config,
                    Instant updatedAt, Instant createdAt, String url, String pingUrl, String deliveriesUrl) {}

    record DeliveryJson(long id, String guid, Instant deliveredAt, boolean redelivery, Double duration, String status,
                        Integer statusCode, String event, String action, Long installationId, long repositoryId,
                        int attempts) {}

    @Override
    public void register(JavalinDefaultRoutingApi r) {
        String base = "/api/v3/repos/{owner}/{repo}/hooks";
        r.get(base, this::list);
        r.post(base, this::create);
        r.get(base + "/{id}", ctx -> ctx.json(json(ctx, hooks.get(access(ctx), id(ctx, "id")))));
        r.patch(base + "/{id}", this::update);
        r.delete(base + "/{id}", ctx -> {
            hooks.delete(access(ctx), id(ctx, "id"));
            ctx.status(204);
        });
        r.post(base + "/{id}/pings", ctx -> {
            hooks.ping(access(ctx), id(ctx, "id"), auth.require(ctx), publicUrl.base(ctx));
            ctx.status(204);
        });
        r.get(base + "/{id}/deliveries", this::deliveries);
        r.get(base + "/{id}/deliveries/{delivery}", ctx -> {
            Delivery d = hooks.delivery(access(ctx), id(ctx, "id"), id(ctx, "delivery"));
            ctx.json(Map.of("delivery", delivery(d), "request", Map.of("payload", d.payload())));
        });
        r.post(base + "/{id}/deliveries/{delivery}/attempts", ctx -> {
            hooks.redeliver(access(ctx), id(ctx, "id"), id(ctx, "delivery"));
            ctx.status(202).json(Map.of());
        });
    }

    private RepoService.Access access(Context ctx) {
        return hooks.access(auth.require(ctx), ctx.pathParam("owner"), ctx.pathParam("repo"));
    }

    private static long id(Context ctx, String name) {
        return PathIds.of(ctx, name, "No such " + (name.equals("id") ? "hook" : "delivery"));
    }

    private void list(Context ctx) {
        RepoService.Access access = access(ctx);
        PageRequest page = PageRequest.from(ctx);
        var listing = hooks.list(access, page.perPage(), page.offset());
        page.writeLinks(ctx, listing.total());
        ctx.json(listing.items().stream().map(h -> json(ctx, h)).toList());
    }

    private void create(Context ctx) {
        RepoService.Access access = access(ctx);
        Create req = body.read(ctx, Create.class);
        if (req.name() != null && !req.name().equals("web")) throw HearthException.invalid("name", "must be 'web'");
        if (req.config() == null) throw HearthException.invalid("config", "is required");
        Hook hook = hooks.create(access, spec(req.config(), req.events(), null, null, req.active()));
        ctx.status(201).json(json(ctx, hook));
    }

    private void update(Context ctx) {
        RepoService.Access access = access(ctx);
        Update req = body.read(ctx, Update.class);
        Config c = req.config() == null ? new Config(null, null, null, null) : req.config();
        Hook hook = hooks.update(access, id(ctx, "id"), spec(c, req.events(), req.addEvents(), req.removeEvents(), req.active()));
        ctx.json(json(ctx, hook));
    }

    private static HookService.Spec spec(Config c, List<String> events, List<String> add, List<String> remove, Boolean active) {
        Boolean insecure = c.insecureSsl() == null ? null : switch (c.insecureSsl()) {
            case "0" -> false;
            case "1" -> true;
            default -> throw HearthException.invalid("config.insecure_ssl", "must be \"0\" or \"1\"");
        };
        return new HookService.Spec(c.url(), c.contentType(), c.secret(), insecure, events, add, remove, active);
    }

    private void deliveries(Context ctx) {
        RepoService.Access access = access(ctx);
        PageRequest page = PageRequest.from(ctx);
        var listing = hooks.deliveries(access, id(ctx, "id"), page.perPage(), page.offset());
        page.writeLinks(ctx, listing.total());
        ctx.json(listing.items().stream().map(HookRoutes::delivery).toList());
    }

    private static DeliveryJson delivery(Delivery d) {
        String status = switch (d.status()) {
            case Delivery.DELIVERED -> "OK";
            case Delivery.FAILED -> "failed";
            default -> d.attempts() == 0 ? "pending" : "retrying";
        };
        return new DeliveryJson(d.id(), d.guid(), PublicUrl.seconds(d.deliveredAt()), d.redelivery(),
                d.durationMs() == null ? null : d.durationMs() / 1000.0, status, d.statusCode(), d.event(), d.action(),
                null, d.repoId(), d.attempts());
    }

    private HookJson json(Context ctx, Hook h) {
        String url = publicUrl.base(ctx) + "/api/v3/repos/" + ctx.pathParam("owner") + "/" + ctx.pathParam("repo") + "/hooks/" + h.id();
        return new HookJson("Repository", h.id(), "web", h.active(), h.events(),
                new ConfigJson(h.url(), h.contentType(), h.insecureSsl() ? "1" : "0", h.sealedSecret() == null ? null : "********"),
                PublicUrl.seconds(h.updatedAt()), PublicUrl.seconds(h.createdAt()), url, url + "/pings", url + "/deliveries");
    }
}
