package dev.hearth.web;

import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * Hearth offers no HTTP method override. Javalin's {@code Context.method()} reads
 * {@code X-HTTP-Method-Override} before the request line, so a {@code GET} carrying
 * {@code X-HTTP-Method-Override: DELETE} was routed to the DELETE handler. This Jetty customizer
 * runs on every request before any handler (API, pages, git, WebSocket upgrades) and hides that
 * header and its two common spellings, so the method is always the one on the request line.
 */
final class NoMethodOverride implements HttpConfiguration.Customizer {
    /** The override headers frameworks honour (Javalin, Rails/Rack, Symfony, ASP.NET, Google APIs). */
    static final List<String> HEADERS = List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        HttpFields headers = request.getHeaders();
        if (HEADERS.stream().noneMatch(headers::contains)) return request;
        HttpFields.Mutable kept = HttpFields.build(headers);
        HEADERS.forEach(kept::remove);
        HttpFields filtered = kept.asImmutable();
        return new Request.Wrapper(request) {
            @Override
            public HttpFields getHeaders() {
                return filtered;
            }
        };
    }
}
