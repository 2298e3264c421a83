package dev.hearth.app;

import dev.hearth.repos.RepoStore;
import dev.hearth.storage.Database;
import dev.hearth.web.Routes;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /healthz}: the process answers. {@code /readyz}: the database answers and accepts a
 * write (one probe row updated), and the repository storage accepts a file and has at least
 * {@link #MIN_FREE_BYTES} free; otherwise 503, naming the part that failed.
 */
final class HealthRoutes implements Routes {
    /**
     * The free space below which the storage is reported not ready: a push of an ordinary size
     * (tens of MiB of pack, plus its index and a repack's temporary copy) would fail half-way.
     * Kubernetes takes a node out of rotation on 503; an operator has this much headroom to act.
     */
    static final long MIN_FREE_BYTES = 256L << 20;

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
            String db = !database.isReachable() ? "unreachable" : !database.acceptsWrites() ? "not writable" : "ok";
            String storage = storage();
            boolean ok = db.equals("ok") && storage.equals("ok");
            Map<String, String> body = new LinkedHashMap<>();
            body.put("status", ok ? "ok" : "unavailable");
            body.put("database", db);
            body.put("storage", storage);
            ctx.status(ok ? 200 : 503).json(body);
        });
    }

    private String storage() {
        if (!store.isWritable()) return "not writable";
        try {
            return store.usableSpace() < MIN_FREE_BYTES ? "low on space" : "ok";
        } catch (IOException e) {
            return "not writable";
        }
    }
}
