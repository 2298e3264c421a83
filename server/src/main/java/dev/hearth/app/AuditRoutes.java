package dev.hearth.app;

import dev.hearth.accounts.Principal;
import dev.hearth.audit.AuditEntry;
import dev.hearth.audit.AuditLog;
import dev.hearth.error.HearthException;
import dev.hearth.web.Authentication;
import dev.hearth.web.PageRequest;
import dev.hearth.web.PublicUrl;
import dev.hearth.web.Routes;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Instant;
import java.util.Map;

/** {@code GET /api/v3/admin/audit}: the audit log for site admins, newest first, paginated. */
final class AuditRoutes implements Routes {
    private final AuditLog audit;
    private final Authentication<Principal> auth;

    AuditRoutes(AuditLog audit, Authentication<Principal> auth) {
        this.audit = audit;
        this.auth = auth;
    }

    record Actor(long id, String login) {}

    record EntryJson(long id, String action, Actor actor, String target, Map<String, Object> details, String remoteAddr,
                     String requestId, Instant createdAt) {
        static EntryJson of(AuditEntry e) {
            return new EntryJson(e.id(), e.action(), e.actorId() == null ? null : new Actor(e.actorId(), e.actorLogin()),
                    e.target(), e.details(), e.remoteAddr(), e.requestId(), PublicUrl.seconds(e.at()));
        }
    }

    @Override
    public void register(JavalinDefaultRoutingApi r) {
        r.get("/api/v3/admin/audit", ctx -> {
            if (!auth.require(ctx).actsAsSiteAdmin()) throw HearthException.denied("The audit log is for site admins");
            PageRequest page = PageRequest.from(ctx);
            page.writeLinks(ctx, audit.count());
            ctx.json(audit.list(page.perPage(), page.offset()).stream().map(EntryJson::of).toList());
        });
    }
}
