package dev.hearth.ui;

import dev.hearth.error.HearthException;
import dev.hearth.web.Routes;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The UI's static files, served by Hearth itself from the classpath: its own stylesheet and
 * script, and highlight.js from its WebJar. Only the files listed here exist; nothing comes from
 * a CDN, so the Content-Security-Policy can say {@code 'self'}.
 */
final class AssetRoutes implements Routes {
    /** The WebJar's folder, versioned: its version is read from the jar's own Maven metadata. */
    static final String HLJS = "META-INF/resources/webjars/highlightjs/" + webJarVersion() + "/";
    private record Asset(String resource, String type) {}

    private static final Map<String, Asset> ASSETS = Map.of(
            "hearth.css", new Asset("ui/assets/hearth.css", "text/css; charset=utf-8"),
            "hearth.js", new Asset("ui/assets/hearth.js", "text/javascript; charset=utf-8"),
            "hljs/highlight.min.js", new Asset(HLJS + "highlight.min.js", "text/javascript; charset=utf-8"),
            "hljs/github.min.css", new Asset(HLJS + "styles/github.min.css", "text/css; charset=utf-8"),
            "hljs/github-dark.min.css", new Asset(HLJS + "styles/github-dark.min.css", "text/css; charset=utf-8"));

    private final Map<String, byte[]> loaded = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void register(JavalinDefaultRoutingApi r) {
        r.get("/assets/<file>", this::serve);
    }

    private void serve(Context ctx) {
        String name = ctx.pathParam("file");
        Asset asset = ASSETS.get(name);
        if (asset == null) throw HearthException.notFound("No asset " + name);
        byte[] bytes = loaded.computeIfAbsent(name, n -> read(asset.resource()));
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.contentType(asset.type());
        ctx.result(bytes);
    }

    private static String webJarVersion() {
        try (InputStream in = AssetRoutes.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/highlightjs/pom.properties")) {
            if (in == null) throw new IllegalStateException("the highlight.js WebJar is missing from the classpath");
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = AssetRoutes.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing from the build: " + resource);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
