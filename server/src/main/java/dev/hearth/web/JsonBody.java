package dev.hearth.web;

import dev.hearth.error.ErrorCategory;
import dev.hearth.error.FieldError;
import dev.hearth.error.HearthException;
import io.javalin.http.Context;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a request body into a record: at most {@code maxBytes} (413 past it), JSON only (415),
 * in UTF-8 (415 for another declared charset; RFC 8259 §8.1), valid UTF-8 with no overlong forms
 * and no unpaired surrogate, raw or escaped as backslash-uD800 (400: Jackson would decode the first
 * and store the second as '?'), well-formed (400), no unknown fields and right types (422), then
 * Bean Validation (422).
 */
public final class JsonBody {
    private final JsonMapper mapper;
    private final Validator validator;
    private final long maxBytes;

    public JsonBody(JsonMapper mapper, Validator validator, long maxBytes) {
        this.mapper = mapper;
        this.validator = validator;
        this.maxBytes = maxBytes;
    }

    public <T> T read(Context ctx, Class<T> type) {
        String contentType = ctx.contentType();
        if (contentType != null && !isJsonLike(contentType.toLowerCase(Locale.ROOT))) {
            throw new HearthException(ErrorCategory.UNSUPPORTED_MEDIA_TYPE,
                    "Send the body as application/json, not " + contentType);
        }
        RequestEncoding.declaredCharset(ctx).filter(c -> !RequestEncoding.isUtf8(c)).ifPresent(c -> {
            throw new HearthException(ErrorCategory.UNSUPPORTED_MEDIA_TYPE,
                    "JSON is read as UTF-8; send the body as UTF-8, not " + c.strip());
        });
        byte[] bytes = readLimited(ctx);
        if (bytes.length == 0) throw HearthException.malformed("The request needs a JSON body");
        requireUnicode(bytes);
        T value = parse(bytes, type);
        if (value == null) throw HearthException.malformed("The request body must be a JSON object");
        validate(value);
        return value;
    }

    /**
     * JSON, or curl's default form type: GitHub reads {@code curl -d '{...}'} as JSON, and so
     * do we, so its documented examples work unchanged.
     */
    private static boolean isJsonLike(String contentType) {
        String mime = contentType.split(";")[0].strip();
        return mime.equals("application/json") || mime.endsWith("+json")
                || mime.equals("application/x-www-form-urlencoded");
    }

    private byte[] readLimited(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            UnreadBody.discard(ctx, 16 * maxBytes);
            throw tooLarge();
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                UnreadBody.discard(ctx, 16 * maxBytes);
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw HearthException.malformed("The request body could not be read");
        }
    }

    private HearthException tooLarge() {
        return new HearthException(ErrorCategory.TOO_LARGE, "The body is larger than " + maxBytes + " bytes");
    }

    /**
     * The body must be valid UTF-8 (the JDK's strict decoder), and no string or name in it may hold
     * an unpaired surrogate, which JSON's backslash-u escapes can express but no UTF-8 text can
     * (one pass of Jackson's own tokenizer; syntax errors are left to {@link #parse}).
     */
    private void requireUnicode(byte[] bytes) {
        try {
            RequestEncoding.strictUtf8(bytes);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw HearthException.malformed("The body is not valid UTF-8");
        }
        var utf8 = java.nio.charset.StandardCharsets.UTF_8.newEncoder();
        try (JsonParser parser = mapper.createParser(bytes)) {
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                if ((t == JsonToken.VALUE_STRING || t == JsonToken.PROPERTY_NAME) && !utf8.canEncode(parser.getString())) {
                    throw HearthException.malformed("The body holds a lone surrogate (an unpaired \\uD800-\\uDFFF escape), "
                            + "which is not Unicode text");
                }
            }
        } catch (JacksonException e) {
            // malformed JSON: parse() answers it with its own message
        }
    }

    private <T> T parse(byte[] bytes, Class<T> type) {
        try {
            return mapper.readValue(bytes, type);
        } catch (UnrecognizedPropertyException e) {
            throw HearthException.invalid(e.getPropertyName(), "is not a known field");
        } catch (MismatchedInputException e) {
            String field = fieldOf(e);
            if (field.isEmpty()) throw HearthException.malformed("The request body must be a JSON object");
            throw HearthException.invalid(field, "has the wrong type");
        } catch (StreamReadException e) {
            throw HearthException.malformed("The body is not valid JSON: " + e.getOriginalMessage());
        } catch (DatabindException e) {
            String field = fieldOf(e);
            throw HearthException.invalid(field.isEmpty() ? "body" : field, "is not a valid value");
        } catch (JacksonException e) {
            throw HearthException.malformed("The body is not valid JSON");
        }
    }

    private static String fieldOf(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) path.append('.');
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private <T> void validate(T value) {
        var violations = validator.validate(value);
        if (violations.isEmpty()) return;
        List<FieldError> errors = violations.stream()
                .sorted(Comparator.comparing((ConstraintViolation<T> v) -> v.getPropertyPath().toString()))
                .map(v -> new FieldError(snakeCase(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        throw new HearthException(ErrorCategory.INVALID, "Validation failed for " + errors.size() + " field(s)", errors);
    }

    private static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
