package dev.hearth.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Percent-encoding of the names and paths a call puts in its URL, so no name can change the route. */
final class Urls {
    private Urls() {}

    static String segment(String s) {
        if (s == null || s.isEmpty()) throw new IllegalArgumentException("a name in the URL must not be empty");
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A slash-separated path (a file in a repository, a ref with slashes), each segment encoded. */
    static String path(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return java.util.Arrays.stream(p.split("/")).map(Urls::segment).collect(Collectors.joining("/"));
    }

    static String repo(String owner, String repo) {
        return "/api/v3/repos/" + segment(owner) + "/" + segment(repo);
    }

    /** A query string from the non-null values, or "" when there are none. */
    static String query(Map<String, ?> params) {
        String q = params.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return q.isEmpty() ? "" : "?" + q;
    }

    static Map<String, Object> params(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) m.put((String) keyValues[i], keyValues[i + 1]);
        return m;
    }
}
