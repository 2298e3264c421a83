package dev.hearth.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import dev.hearth.web.HttpServer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The OpenAPI document describes exactly the routes the server registers under {@code /api/v3}
 * and {@code /oauth}, and holds together: every reference resolves, every operation is named
 * once, answers something, and words its errors as problem details.
 */
class OpenApiTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}/]+)}");
    private static final String PROBLEM = "#/components/schemas/Problem";
    private static final String OAUTH_ERROR = "#/components/schemas/OAuthError";
    private static final Comparator<Operation> ORDER = Comparator.comparing(Operation::path).thenComparing(Operation::method);

    static TestHearth server;
    static JsonNode document;

    @BeforeAll
    static void start() {
        server = TestHearth.sqlite();
        Response yaml = server.api().get("/api/v3/openapi.yaml", null);
        assertThat(yaml.status()).as(yaml.body()).isEqualTo(200);
        document = new YAMLMapper().readTree(yaml.body());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** One operation: an HTTP method and an OpenAPI path ({@code {name}} parameters). */
    record Operation(String method, String path) implements Comparable<Operation> {
        @Override
        public int compareTo(Operation other) {
            return ORDER.compare(this, other);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @Test
    void isServedAsYamlAndAsTheSameJsonWithoutCredentials() {
        Response yaml = server.api().get("/api/v3/openapi.yaml", null);
        Response json = server.api().get("/api/v3/openapi.json", null);
        assertThat(yaml.status()).isEqualTo(200);
        assertThat(json.status()).isEqualTo(200);
        assertThat(yaml.header("Content-Type")).startsWith("application/yaml");
        assertThat(json.header("Content-Type")).startsWith("application/json");
        assertThat(JsonMapper.builder().build().readTree(json.body())).isEqualTo(new YAMLMapper().readTree(yaml.body()));
        assertThat(document.path("openapi").asString()).isEqualTo("3.1.0");
        assertThat(document.path("paths").size()).isPositive();
    }

    @Test
    void aCurrentCopyIsNotSentAgain() {
        for (String path : List.of("/api/v3/openapi.yaml", "/api/v3/openapi.json")) {
            Response first = server.api().get(path, null);
            String etag = first.header("ETag");
            assertThat(etag).as(path).isNotBlank();
            Response again = server.api().send("GET", path, null, null, Map.of("If-None-Match", etag));
            assertThat(again.status()).as(path).isEqualTo(304);
            assertThat(again.body()).isEmpty();
        }
        assertThat(server.api().get("/api/v3/openapi.yaml", null).header("ETag"))
                .isNotEqualTo(server.api().get("/api/v3/openapi.json", null).header("ETag"));
    }

    @Test
    void describesExactlyTheRoutesTheServerRegisters() {
        Set<Operation> registered = new TreeSet<>();
        for (HttpServer.Route route : server.hearth().routes()) {
            if (!isApi(route.path())) continue;
            // A WebSocket is opened with a GET, which the document shows answering 101.
            String method = route.method().equals("WEBSOCKET") ? "GET" : route.method();
            registered.add(new Operation(method, route.path().replaceAll("<([^>]+)>", "{$1}")));
        }
        Set<Operation> documented = new TreeSet<>(operations().keySet());

        assertThat(registered).as("the server's API routes").isNotEmpty();
        Set<Operation> undocumented = new TreeSet<>(registered);
        undocumented.removeAll(documented);
        Set<Operation> unserved = new TreeSet<>(documented);
        unserved.removeAll(registered);
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(undocumented).as("routes the server registers that openapi/hearth.yaml does not describe").isEmpty();
            softly.assertThat(unserved).as("operations openapi/hearth.yaml describes that the server does not register").isEmpty();
        });
    }

    private static boolean isApi(String path) {
        return path.equals("/api/v3") || path.startsWith("/api/v3/") || path.startsWith("/oauth/");
    }

    @Test
    void everyReferenceResolves() {
        List<String> unresolved = new ArrayList<>();
        collectRefs(document, "#", unresolved);
        assertThat(unresolved).as("$refs that point nowhere").isEmpty();
    }

    private static void collectRefs(JsonNode node, String where, List<String> unresolved) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && (!ref.isString() || !ref.asString().startsWith("#/") || resolve(ref.asString()).isMissingNode())) {
                unresolved.add(where + " -> " + ref);
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                collectRefs(field.getValue(), where + "/" + field.getKey(), unresolved);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) collectRefs(node.get(i), where + "/" + i, unresolved);
        }
    }

    @Test
    void everyOperationIsNamedOnceTaggedAndAnswersSomething() {
        Map<String, List<Operation>> byId = new HashMap<>();
        Set<String> declaredTags = new LinkedHashSet<>();
        document.path("tags").forEach(t -> declaredTags.add(t.path("name").asString()));
        List<String> problems = new ArrayList<>();
        operations().forEach((op, node) -> {
            String id = node.path("operationId").asString("");
            if (id.isBlank()) problems.add(op + " has no operationId");
            else byId.computeIfAbsent(id, k -> new ArrayList<>()).add(op);
            if (node.path("summary").asString("").isBlank()) problems.add(op + " has no summary");
            if (node.path("tags").isEmpty()) problems.add(op + " has no tag");
            node.path("tags").forEach(t -> {
                if (!declaredTags.contains(t.asString())) problems.add(op + " has the undeclared tag " + t.asString());
            });
            boolean answers = node.path("responses").propertyNames().stream().anyMatch(OpenApiTest::isSuccess);
            if (!answers) problems.add(op + " has no 101, 2xx or 3xx (but 304) response");
        });
        byId.forEach((id, ops) -> {
            if (ops.size() > 1) problems.add("operationId " + id + " is used by " + ops);
        });
        assertThat(problems).isEmpty();
    }

    private static boolean isSuccess(String status) {
        return status.equals("101") || status.startsWith("2") || (status.startsWith("3") && !status.equals("304"));
    }

    @Test
    void clientErrorsAreProblemDetailsExceptAtTheOAuthTokenEndpoint() {
        List<String> problems = new ArrayList<>();
        operations().forEach((op, node) -> {
            boolean oauth = op.path().startsWith("/oauth/");
            String mediaType = oauth ? "application/json" : "application/problem+json";
            String schema = oauth ? OAUTH_ERROR : PROBLEM;
            for (Map.Entry<String, JsonNode> response : node.path("responses").properties()) {
                if (!response.getKey().startsWith("4")) continue;
                JsonNode content = dereference(response.getValue()).path("content");
                String ref = content.path(mediaType).path("schema").path("$ref").asString("");
                if (!ref.equals(schema) || content.size() != 1) {
                    problems.add(op + " answers " + response.getKey() + " with " + content + ", not " + mediaType + " of " + schema);
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void everyPathParameterIsDeclaredAndEveryDeclaredOneIsInThePath() {
        List<String> problems = new ArrayList<>();
        document.path("paths").properties().forEach(entry -> {
            String path = entry.getKey();
            Set<String> inTemplate = new TreeSet<>();
            Matcher m = TEMPLATE.matcher(path);
            while (m.find()) inTemplate.add(m.group(1));
            Set<String> shared = pathParameters(entry.getValue().path("parameters"));
            for (String method : entry.getValue().propertyNames()) {
                if (!METHODS.contains(method)) continue;
                Set<String> declared = new TreeSet<>(shared);
                declared.addAll(pathParameters(entry.getValue().path(method).path("parameters")));
                if (!declared.equals(inTemplate)) {
                    problems.add(method.toUpperCase(Locale.ROOT) + " " + path + " declares path parameters " + declared + ", the path has " + inTemplate);
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void listingsThatTakePagesAnswerWithALinkHeader() {
        List<String> problems = new ArrayList<>();
        operations().forEach((op, node) -> {
            boolean paged = false;
            for (JsonNode parameter : node.path("parameters")) {
                if (dereference(parameter).path("name").asString("").equals("per_page")) paged = true;
            }
            if (!paged) return;
            JsonNode ok = dereference(node.path("responses").path("200"));
            if (ok.path("headers").path("Link").isMissingNode()) problems.add(op + " takes per_page but its 200 has no Link header");
        });
        assertThat(problems).isEmpty();
    }

    /** Every operation of the document, by method and path, in the document's order. */
    private static Map<Operation, JsonNode> operations() {
        Map<Operation, JsonNode> operations = new LinkedHashMap<>();
        document.path("paths").properties().forEach(path -> {
            for (Map.Entry<String, JsonNode> item : path.getValue().properties()) {
                if (METHODS.contains(item.getKey())) {
                    operations.put(new Operation(item.getKey().toUpperCase(Locale.ROOT), path.getKey()), item.getValue());
                }
            }
        });
        return operations;
    }

    private static Set<String> pathParameters(JsonNode parameters) {
        Set<String> names = new TreeSet<>();
        for (JsonNode parameter : parameters) {
            JsonNode p = dereference(parameter);
            if (p.path("in").asString("").equals("path")) names.add(p.path("name").asString());
        }
        return names;
    }

    private static JsonNode dereference(JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : dereference(resolve(ref.asString()));
    }

    private static JsonNode resolve(String ref) {
        return document.at(JsonPointer.compile(ref.substring(1)));
    }
}
