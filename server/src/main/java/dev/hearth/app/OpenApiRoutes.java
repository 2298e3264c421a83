package dev.hearth.app;

import dev.hearth.web.Conditional;
import dev.hearth.web.Routes;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The OpenAPI document of the API, for anyone to read: {@code GET /api/v3/openapi.yaml} serves
 * the hand-written file as it is, {@code GET /api/v3/openapi.json} the same document as JSON,
 * converted once, on the first request for either. Both carry an entity tag of their bytes.
 */
final class OpenApiRoutes implements Routes {
    /** The document on the classpath. */
    static final String RESOURCE = "/openapi/hearth.yaml";
    static final String YAML_PATH = "/api/v3/openapi.yaml";
    static final String JSON_PATH = "/api/v3/openapi.json";

    private final JsonMapper mapper;
    private Documents documents; // built on first use: converting the YAML costs most of a second of a cold start

    /** One representation of the document: its bytes, media type and entity tag. */
    private record Document(byte[] bytes, String contentType, String etag) {
        static Document of(byte[] bytes, String contentType) {
            return new Document(bytes, contentType,
                    Conditional.of(contentType, new String(bytes, StandardCharsets.UTF_8)));
        }
    }

    /** The document in both forms. */
    private record Documents(Document yaml, Document json) {}

    OpenApiRoutes(JsonMapper mapper) {
        this.mapper = mapper;
    }

    private synchronized Documents documents() {
        if (documents == null) {
            byte[] source = read();
            JsonNode tree = new YAMLMapper().readTree(source);
            documents = new Documents(Document.of(source, "application/yaml"),
                    Document.of(mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree), "application/json"));
        }
        return documents;
    }

    private static byte[] read() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("the OpenAPI document " + RESOURCE + " is not on the classpath");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAPI document " + RESOURCE, e);
        }
    }

    @Override
    public void register(JavalinDefaultRoutingApi r) {
        r.get(YAML_PATH, ctx -> send(ctx, documents().yaml()));
        r.get(JSON_PATH, ctx -> send(ctx, documents().json()));
    }

    private static void send(Context ctx, Document document) {
        if (Conditional.notModified(ctx, document.etag(), false)) return;
        ctx.contentType(document.contentType()).result(document.bytes());
    }
}
