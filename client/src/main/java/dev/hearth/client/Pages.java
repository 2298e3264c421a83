package dev.hearth.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JavaType;

/**
 * A paginated listing as a lazy {@link Stream}: the first page is fetched when the stream is
 * first pulled, the next one (its URL from the {@code Link} header's {@code rel="next"}) only
 * when the items of the one before are used up. Stopping early ({@code limit}, {@code findFirst})
 * fetches no further pages.
 */
final class Pages {
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    private Pages() {}

    static <T> Stream<T> stream(Transport transport, String firstPage, int perPage, Class<T> type) {
        String first = firstPage + (firstPage.contains("?") ? "&" : "?") + "per_page=" + perPage;
        JavaType listType = transport.json().getTypeFactory().constructCollectionType(List.class, type);
        Iterator<T> items = new Iterator<>() {
            private String next = first;
            private Iterator<T> page = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && next != null) {
                    HttpResponse<InputStream> response = transport.send(Transport.Call.get(next));
                    next = nextLink(response.headers().firstValue("Link")).orElse(null);
                    try (InputStream in = response.body()) {
                        List<T> list = transport.json().readValue(in, listType);
                        page = list.iterator();
                    } catch (IOException e) {
                        throw new ConnectionFailedException("a page broke off: " + Transport.describe(e), e);
                    }
                }
                return page.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) throw new NoSuchElementException();
                return page.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(items, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    static Optional<String> nextLink(Optional<String> header) {
        if (header.isEmpty()) return Optional.empty();
        Matcher m = NEXT.matcher(header.get());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
