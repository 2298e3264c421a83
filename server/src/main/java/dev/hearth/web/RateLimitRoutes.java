package dev.hearth.web;

import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Map;

/** {@code GET /api/v3/rate_limit} in GitHub's shape; asking does not count. */
public final class RateLimitRoutes implements Routes {
    private final RateLimiter limiter;

    public RateLimitRoutes(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void register(JavalinDefaultRoutingApi r) {
        r.get("/api/v3/rate_limit", ctx -> {
            RateLimiter.State core = limiter.state(ctx);
            ctx.json(Map.of("resources", Map.of("core", core), "rate", core));
        });
    }
}
