package dev.hearth.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Checks real answers against the response schemas of {@code openapi/hearth.yaml}: the operation
 * (method and path template), then the response for the status (or {@code default}), then its
 * {@code application/json} or {@code application/problem+json} schema, validated as JSON Schema
 * 2020-12 with the OpenAPI 3.1 dialect, so {@code $ref}s inside the document resolve.
 */
final class OpenApiContract {
    /** The name the document goes by inside the schema registry; never fetched. */
    private static final String DOCUMENT_IRI = "https://hearth.dev/openapi/hearth.json";
    private static final List<String> MEDIA_TYPES = List.of("application/json", "application/problem+json");

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenApiContract(JsonNode document) {
        this.document = document;
        String json = JsonMapper.builder().build().writeValueAsString(document);
        // Errors name the JSON path of the mismatch ($.owner.login); formats (date-time, uri, email) are asserted.
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().pathType(PathType.JSON_PATH).formatAssertionsEnabled(true).build();
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
                builder -> builder.schemaRegistryConfig(config).schemas(Map.of(DOCUMENT_IRI, json)));
    }

    /** The document as the server's classpath holds it. */
    static OpenApiContract load() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream("/openapi/hearth.yaml")) {
            assertThat(in).as("openapi/hearth.yaml on the classpath").isNotNull();
            return new OpenApiContract(new YAMLMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Fails unless {@code body} is what the document says {@code method pathTemplate} answers
     * with {@code status}; an answer the document gives no JSON body must have none.
     */
    void check(String method, String pathTemplate, int status, String body) {
        String operation = method.toUpperCase(Locale.ROOT) + " " + pathTemplate;
        String operationPointer = "/paths/" + escape(pathTemplate) + "/" + method.toLowerCase(Locale.ROOT);
        if (document.at(operationPointer).isMissingNode()) fail("openapi/hearth.yaml has no operation " + operation);

        String responsePointer = responsePointer(operationPointer, status);
        if (responsePointer == null) fail(operation + " documents no response " + status + " (nor default)");
        JsonNode content = document.at(responsePointer).path("content");
        String mediaType = MEDIA_TYPES.stream().filter(content::has).findFirst().orElse(null);
        if (mediaType == null) {
            assertThat(body).as(operation + " " + status + " documents no JSON body").isBlank();
            return;
        }
        String schemaPointer = responsePointer + "/content/" + escape(mediaType) + "/schema";
        List<Error> errors = schema(schemaPointer).validate(JsonMapper.builder().build().readTree(body));
        if (!errors.isEmpty()) {
            fail(operation + " " + status + " does not match #" + schemaPointer + ":\n"
                    + errors.stream().map(OpenApiContract::describe).collect(Collectors.joining("\n"))
                    + "\nbody: " + body);
        }
    }

    /** One error as the JSON path of the mismatch, the message and the keyword. */
    private static String describe(Error error) {
        return "  " + error.getInstanceLocation() + ": " + error.getMessage() + " (" + error.getKeyword() + ")";
    }

    /** The response object for the status, or the operation's default, following a {@code $ref}. */
    private String responsePointer(String operationPointer, int status) {
        JsonNode responses = document.at(operationPointer + "/responses");
        String key = responses.has(Integer.toString(status)) ? Integer.toString(status) : responses.has("default") ? "default" : null;
        if (key == null) return null;
        String pointer = operationPointer + "/responses/" + key;
        JsonNode ref = document.at(pointer).get("$ref");
        while (ref != null) {
            String target = ref.asString();
            assertThat(target).as("a local $ref").startsWith("#/");
            pointer = target.substring(1);
            ref = document.at(pointer).get("$ref");
        }
        return pointer;
    }

    private Schema schema(String pointer) {
        return schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#" + p)));
    }

    /** One JSON pointer reference token (RFC 6901: {@code ~} as {@code ~0}, {@code /} as {@code ~1}). */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
