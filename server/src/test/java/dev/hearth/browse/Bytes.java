package dev.hearth.browse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A GET whose body stays bytes (archives, images), and reading GitHub's Link header. */
record Bytes(int status, HttpHeaders headers, byte[] body) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    static Bytes get(String url, String auth, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET();
        if (auth != null) request.header("Authorization", auth);
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Bytes(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    /** The page number of one relation in a Link header, or -1 when it is absent. */
    static int linkPage(String link, String rel) {
        if (link == null) return -1;
        Matcher m = Pattern.compile("<[^>]*[?&]page=(\\d+)[^>]*>; rel=\"" + rel + "\"").matcher(link);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
