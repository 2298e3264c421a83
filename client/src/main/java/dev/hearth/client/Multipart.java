package dev.hearth.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A {@code multipart/form-data} body (RFC 7578). The JDK's HTTP client has none and the SDK
 * takes no dependency beyond Jackson, so this writes the few framing lines itself; file parts
 * stream from disk.
 */
final class Multipart {
    private final String boundary = "hearth-" + UUID.randomUUID();
    private final List<Supplier<InputStream>> parts = new ArrayList<>();

    void field(String name, String value) {
        bytes(head(name, null) + value + "\r\n");
    }

    void file(String name, Upload.Part part) {
        bytes(head(name, part.name()));
        switch (part) {
            case Upload.Bytes b -> parts.add(() -> new ByteArrayInputStream(b.content()));
            case Upload.FromFile f -> parts.add(() -> {
                try {
                    return Files.newInputStream(f.file());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        bytes("\r\n");
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    HttpRequest.BodyPublisher publisher() {
        List<Supplier<InputStream>> all = new ArrayList<>(parts);
        byte[] end = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        all.add(() -> new ByteArrayInputStream(end));
        return HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(
                Collections.enumeration(all.stream().map(Supplier::get).toList())));
    }

    private String head(String name, String filename) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quote(name) + "\""
                + (filename == null ? "" : "; filename=\"" + quote(filename) + "\"")
                + (filename == null ? "" : "\r\nContent-Type: application/octet-stream") + "\r\n\r\n";
    }

    private void bytes(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        parts.add(() -> new ByteArrayInputStream(b));
    }

    /** Quotes and line breaks would end the header; percent-encode them as browsers do. */
    private static String quote(String s) {
        return s.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }
}
