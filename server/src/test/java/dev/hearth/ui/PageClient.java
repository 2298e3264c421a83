package dev.hearth.ui;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without JavaScript, for HTML-level tests: keeps cookies, never follows redirects
 * (tests look at the 303s), posts forms.
 */
final class PageClient {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([0-9a-f]+)\"");

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    PageClient(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").GET());
    }

    HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        headers.forEach(b::header);
        return send(b);
    }

    /** Posts a form as a browser on this site would (Origin is this site). */
    HttpResponse<String> post(String path, List<Map.Entry<String, String>> fields) {
        return post(path, fields, Map.of("Origin", base));
    }

    HttpResponse<String> post(String path, List<Map.Entry<String, String>> fields, Map<String, String> headers) {
        String body = fields.stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return send(b);
    }

    /** Posts a body exactly as given (bytes no encoder has cleaned), from this site. */
    HttpResponse<String> postRaw(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .header("Origin", base).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** The CSRF token of the session, read from a page's form. */
    String csrf(String page) {
        Matcher m = CSRF.matcher(get(page).body());
        if (!m.find()) throw new AssertionError("no _csrf field on " + page);
        return m.group(1);
    }

    /** Signs in through the form and checks that it worked. */
    void signIn(String login, String password) {
        HttpResponse<String> r = post("/login", form("_csrf", csrf("/login"), "login", login, "password", password, "next", "/"));
        if (r.statusCode() != 303) throw new AssertionError("sign-in failed: " + r.statusCode() + " " + r.body());
    }

    /** Form fields in order; a name may repeat (checkboxes). */
    static List<Map.Entry<String, String>> form(String... kv) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (int i = 0; i < kv.length; i += 2) fields.add(Map.entry(kv[i], kv[i + 1]));
        return fields;
    }

    String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
