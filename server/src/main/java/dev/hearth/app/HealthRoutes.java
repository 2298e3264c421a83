package dev.hearth.app;

import dev.hearth.repos.RepoStore;
import dev.hearth.storage.Database;
import dev.hearth.web.Routes;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Map;

/** {@code /healthz}: the process answers. {@code /readyz}: the database and the repository storage work. */
final class HealthRoutes implements Routes {
    private final Database database;
    private final RepoStore store;

    HealthRoutes(Database database, RepoStore store) {
        this.database = database;
        this.store = store;
    }

    @Override
    public void register(JavalinDefaultRoutingApi r) {
        r.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
        r.get("/readyz", ctx -> {
            boolean db = database.isReachable();
            boolean storage = store.isWritable();
            ctx.status(db && storage ? 200 : 503).json(Map.of(
                    "status", db && storage ? "ok" : "unavailable",
                    "database", db ? "ok" : "unreachable",
                    "storage", storage ? "ok" : "not writable"));
        });
    }
}
