package dev.hearth.ui;

import dev.hearth.error.HearthException;
import dev.hearth.web.PathIds;
import dev.hearth.events.Delivery;
import dev.hearth.events.Hook;
import dev.hearth.events.HookService;
import dev.hearth.repos.RepoService;
import dev.hearth.web.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Instant;
import java.util.List;

/**
 * A repository's webhooks for its admins: the list, a new hook, one hook's settings with its
 * delivery log, a test delivery (GitHub's {@code ping}), redelivery of a past delivery, deletion.
 * Through the API's {@link HookService}: the same admin check, URL guard (no internal addresses
 * unless allowed), event names and sealed secrets.
 */
final class HookPageRoutes implements Routes {
    private static final List<String> EVENTS = List.of("push", "create", "delete", "repository", "member");
    private static final int DELIVERIES = 50;

    private final Pages pages;
    private final HookService hooks;

    HookPageRoutes(Pages pages, HookService hooks) {
        this.pages = pages;
        this.hooks = hooks;
    }

    @Override
    public void register(JavalinDefaultRoutingApi r) {
        r.get("/{owner}/{repo}/settings/hooks", ctx -> list(ctx, "", List.of("push"), "json", FormErrors.NONE));
        r.post("/{owner}/{repo}/settings/hooks", this::create);
        r.get("/{owner}/{repo}/settings/hooks/{id}", ctx -> show(ctx, null, FormErrors.NONE, notice(ctx.queryParam("done"))));
        r.post("/{owner}/{repo}/settings/hooks/{id}", this::update);
        r.post("/{owner}/{repo}/settings/hooks/{id}/ping", this::ping);
        r.post("/{owner}/{repo}/settings/hooks/{id}/deliveries/{delivery}/redeliver", this::redeliver);
        r.post("/{owner}/{repo}/settings/hooks/{id}/delete", this::delete);
    }

    private RepoService.Access access(Context ctx) {
        return hooks.access(pages.require(ctx), ctx.pathParam("owner"), ctx.pathParam("repo"));
    }

    private static HookPages.HookRow row(RepoHeader header, Hook h) {
        return new HookPages.HookRow(h.id(), h.url(), String.join(", ", h.events()), h.active(),
                header.base() + "/settings/hooks/" + h.id());
    }

    private void list(Context ctx, String url, List<String> chosen, String contentType, FormErrors errors) {
        RepoService.Access access = access(ctx);
        RepoHeader header = RepoContext.header(access, "settings");
        List<HookPages.HookRow> rows = hooks.list(access, 100, 0).items().stream().map(h -> row(header, h)).toList();
        pages.render(ctx, "hooks.jte", pages.chrome(ctx, "Webhooks · " + header.fullName()),
                new HookPages.Hooks(header, rows, EVENTS, url, chosen, contentType, errors));
    }

    private void create(Context ctx) {
        RepoService.Access access = access(ctx);
        String url = Pages.field(ctx, "url").strip();
        List<String> events = ctx.formParams("events");
        String contentType = Pages.field(ctx, "content_type");
        try {
            Hook hook = hooks.create(access, new HookService.Spec(url, contentType.isEmpty() ? "json" : contentType,
                    Pages.field(ctx, "secret"), false, events.isEmpty() ? List.of("push") : events, null, null, true));
            ctx.redirect(RepoContext.header(access, "settings").base() + "/settings/hooks/" + hook.id(), HttpStatus.SEE_OTHER);
        } catch (HearthException e) {
            FormErrors errors = FormErrors.of(e);
            ctx.status(422);
            list(ctx, url, events, contentType, errors);
        }
    }

    /** The form as typed, when an update was refused. */
    private record Typed(String url, List<String> events, String contentType, boolean active) {}

    private void show(Context ctx, Typed typed, FormErrors errors, String notice) {
        RepoService.Access access = access(ctx);
        RepoHeader header = RepoContext.header(access, "settings");
        Hook hook = hooks.get(access, id(ctx));
        Instant now = Instant.now();
        HookPages.HookRow row = row(header, hook);
        List<HookPages.DeliveryRow> deliveries = hooks.deliveries(access, hook.id(), DELIVERIES, 0).items().stream()
                .map(d -> delivery(d, now, row.href())).toList();
        Typed form = typed != null ? typed : new Typed(hook.url(), hook.events(), hook.contentType(), hook.active());
        pages.render(ctx, "hook.jte", pages.chrome(ctx, "Webhook · " + header.fullName()), new HookPages.Hook(header,
                row, EVENTS, form.url(), form.events(), form.contentType(), form.active(), hook.sealedSecret() != null,
                errors, notice, deliveries));
    }

    private static HookPages.DeliveryRow delivery(Delivery d, Instant now, String hookHref) {
        Instant when = d.deliveredAt() != null ? d.deliveredAt() : d.createdAt();
        return new HookPages.DeliveryRow(d.event() + (d.action() == null ? "" : "." + d.action()), d.status(),
                d.statusCode() == null ? "—" : d.statusCode().toString(), d.attempts(),
                d.durationMs() == null ? "—" : d.durationMs() + " ms", Ago.since(when, now), Ago.exact(when), d.redelivery(),
                hookHref + "/deliveries/" + d.id() + "/redeliver");
    }

    /** What a redirect after a change says on the hook's page; only these words, never text from the query. */
    private static String notice(String done) {
        if (done == null) return null;
        return switch (done) {
            case "updated" -> "Webhook updated.";
            case "ping" -> "Test delivery queued: it appears below once sent.";
            case "redelivery" -> "Redelivery queued: it appears below once sent.";
            default -> null;
        };
    }

    private void update(Context ctx) {
        RepoService.Access access = access(ctx);
        long id = id(ctx);
        String url = Pages.field(ctx, "url").strip();
        List<String> events = ctx.formParams("events");
        String contentType = Pages.field(ctx, "content_type");
        boolean active = ctx.formParam("active") != null;
        // The secret is never shown: blank keeps it, the checkbox removes it.
        String secret = ctx.formParam("clear_secret") != null ? "" : Pages.field(ctx, "secret").isEmpty() ? null : Pages.field(ctx, "secret");
        try {
            if (events.isEmpty()) throw HearthException.invalid("events", "choose at least one event");
            hooks.update(access, id, new HookService.Spec(url, contentType.isEmpty() ? null : contentType, secret, null,
                    events, null, null, active));
            redirectToHook(ctx, access, id, "updated");
        } catch (HearthException e) {
            FormErrors errors = FormErrors.of(e);
            ctx.status(422);
            show(ctx, new Typed(url, events, contentType, active), errors, null);
        }
    }

    private void ping(Context ctx) {
        RepoService.Access access = access(ctx);
        long id = id(ctx);
        hooks.ping(access, id, pages.require(ctx), pages.publicBase(ctx));
        redirectToHook(ctx, access, id, "ping");
    }

    private void redeliver(Context ctx) {
        RepoService.Access access = access(ctx);
        long id = id(ctx);
        hooks.redeliver(access, id, PathIds.of(ctx, "delivery", "No such delivery"));
        redirectToHook(ctx, access, id, "redelivery");
    }

    private static void redirectToHook(Context ctx, RepoService.Access access, long id, String done) {
        ctx.redirect(RepoContext.header(access, "settings").base() + "/settings/hooks/" + id + "?done=" + done, HttpStatus.SEE_OTHER);
    }

    private void delete(Context ctx) {
        RepoService.Access access = access(ctx);
        hooks.delete(access, id(ctx));
        ctx.redirect(RepoContext.header(access, "settings").base() + "/settings/hooks", HttpStatus.SEE_OTHER);
    }

    private static long id(Context ctx) {
        return PathIds.of(ctx, "id", "No such webhook");
    }
}
