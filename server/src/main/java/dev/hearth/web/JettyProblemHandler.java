package dev.hearth.web;

import dev.hearth.error.ErrorCategory;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors Jetty answers itself, before any route runs (an ambiguous or malformed URI, a bad
 * header): problem+json like every other error, never Jetty's HTML page or a stack trace.
 */
final class JettyProblemHandler extends ErrorHandler {
    private final JsonMapper mapper;

    JettyProblemHandler(JsonMapper mapper) {
        this.mapper = mapper;
        setShowStacks(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        String id = UUID.randomUUID().toString();
        String detail = message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
        Problem problem = ErrorCategory.forStatus(code)
                .map(c -> Problem.of(c, detail, id, java.util.List.of()))
                .orElseGet(() -> new Problem("about:blank", HttpStatus.getMessage(code), code, detail, id, null));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        response.getHeaders().put("X-Request-Id", id);
        response.write(true, ByteBuffer.wrap(mapper.writeValueAsBytes(problem)), callback);
    }
}
