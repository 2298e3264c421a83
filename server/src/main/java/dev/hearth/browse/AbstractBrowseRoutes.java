package dev.hearth.browse;

import dev.hearth.accounts.Principal;
import dev.hearth.repos.RepoService;
import dev.hearth.repos.RepoStore;
import dev.hearth.web.Authentication;
import dev.hearth.web.PublicUrl;
import dev.hearth.web.Routes;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every browse handler shares: finding the repository as the caller may see it (a private
 * one they cannot read is a 404, as if it did not exist), opening it for exactly one request,
 * GitHub's media types, and the headers that keep raw content inert in a browser.
 */
abstract class AbstractBrowseRoutes implements Routes {
    private static final Logger LOG = LoggerFactory.getLogger(AbstractBrowseRoutes.class);
    static final String REPO = "/api/v3/repos/{owner}/{repo}";
    /** Raw bytes may be HTML or SVG: never sniffed, never run with Hearth's origin. */
    static final String SANDBOX = "sandbox; default-src 'none'";

    /**
     * A handler that runs with the repository open. Generic in the request type only so that
     * this nested type (whose name does not end in Routes) does not name Javalin itself.
     */
    @FunctionalInterface
    interface RepoHandler<C> {
        void handle(C ctx, OpenRepo repo) throws IOException;
    }

    /** The collaborators every browse route needs. */
    record Deps(RepoService repos, RepoStore store, Authentication<Principal> auth, PublicUrl publicUrl) {}

    private final Deps deps;

    AbstractBrowseRoutes(Deps deps) {
        this.deps = deps;
    }

    /** Opens the repository named in the path for this request, and closes it afterwards. */
    Handler withRepo(RepoHandler<Context> handler) {
        return ctx -> {
            RepoService.Access access = deps.repos().find(deps.auth().caller(ctx), ctx.pathParam("owner"),
                    ctx.pathParam("repo"));
            for (int attempt = 1; ; attempt++) {
                try (OpenRepo repo = OpenRepo.open(deps.store(), access)) {
                    handler.handle(ctx, repo);
                    return;
                } catch (MissingObjectException e) {
                    // Objects a client names are looked up and answered 404 inside the handlers;
                    // one missing here was reachable from a ref. A repack running beside this
                    // request can swap packs under a pack list scanned a moment earlier, and a
                    // fresh open scans again. Read-only handlers are safe to run twice.
                    if (attempt == 1 && !ctx.res().isCommitted()) {
                        LOG.info("Retrying {} after a concurrent repack: {}", ctx.path(), e.getMessage());
                        continue;
                    }
                    throw new UncheckedIOException(e);
                } catch (IOException e) {
                    if (ctx.res().isCommitted()) return; // the client went away mid-stream; nothing left to say
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /**
     * Answers JSON that is kept serialised in {@code cache} under {@code key}; {@code answer}
     * computes the value on a miss. The key must name everything the answer depends on.
     */
    static void cachedJson(Context ctx, BrowseCache cache, Object key, BrowseCache.Compute<?> answer) throws IOException {
        BrowseCache.Serialised json = cache.get(key, BrowseCache.Serialised.class,
                () -> new BrowseCache.Serialised(ctx.jsonMapper().toJsonString(answer.compute(), Object.class)));
        ctx.contentType("application/json").result(json.json());
    }

    Links links(Context ctx, OpenRepo repo) {
        return new Links(deps.publicUrl().base(ctx), repo.meta().ownerLogin(), repo.meta().name());
    }

    /** GitHub's raw media types: {@code vnd.github.raw}, {@code vnd.github.raw+json}, {@code vnd.github.v3.raw}. */
    static boolean wantsRaw(Context ctx) {
        String accept = accept(ctx);
        return accept.contains("application/vnd.github.raw") || accept.contains("application/vnd.github.v3.raw");
    }

    static boolean wantsHtml(Context ctx) {
        String accept = accept(ctx);
        return accept.contains("application/vnd.github.html") || accept.contains("application/vnd.github.v3.html");
    }

    private static String accept(Context ctx) {
        String accept = ctx.header("Accept");
        return accept == null ? "" : accept.toLowerCase(Locale.ROOT);
    }

    /** A path parameter that may be absent from the route ("" then). */
    static String optionalPath(Context ctx, String name) {
        return ctx.pathParamMap().getOrDefault(name, "");
    }

    /** Streams a blob as it is stored, with a type and the headers that keep it inert. */
    static void sendRaw(Context ctx, ObjectLoader loader, String contentType) throws IOException {
        inert(ctx);
        ctx.status(200);
        ctx.res().setContentType(contentType);
        ctx.res().setContentLengthLong(loader.getSize());
        OutputStream out = ctx.res().getOutputStream();
        loader.copyTo(out);
        out.flush();
    }

    static void inert(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", SANDBOX);
    }
}
