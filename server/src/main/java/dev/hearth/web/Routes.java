package dev.hearth.web;

import io.javalin.router.JavalinDefaultRoutingApi;

/** A feature's HTTP surface: registers its handlers, nothing else. */
@FunctionalInterface
public interface Routes {
    void register(JavalinDefaultRoutingApi routes);
}
