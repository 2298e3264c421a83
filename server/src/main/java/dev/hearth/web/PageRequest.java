package dev.hearth.web;

import dev.hearth.error.HearthException;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GitHub's pagination: {@code page} from 1, {@code per_page} up to 100 (larger asks get 100, as
 * GitHub does), and a {@code Link} header with {@code first}, {@code prev}, {@code next}, {@code last}.
 */
public record PageRequest(int page, int perPage) {
    public static final int DEFAULT_PER_PAGE = 30;
    public static final int MAX_PER_PAGE = 100;

    public PageRequest {
        if (page < 1) throw HearthException.invalid("page", "must be 1 or more");
        if (perPage < 1) throw HearthException.invalid("per_page", "must be 1 or more");
        perPage = Math.min(perPage, MAX_PER_PAGE);
    }

    public long offset() {
        return (long) (page - 1) * perPage;
    }

    public static PageRequest from(Context ctx) {
        return new PageRequest(number(ctx, "page", 1), number(ctx, "per_page", DEFAULT_PER_PAGE));
    }

    private static int number(Context ctx, String name, int fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) return fallback;
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw HearthException.invalid(name, "must be a whole number");
        }
    }

    /** Sets the {@code Link} header for a listing of {@code total} items. */
    public void writeLinks(Context ctx, long total) {
        int last = (int) Math.max(1, (total + perPage - 1) / perPage);
        List<String> links = new ArrayList<>();
        if (page < last) links.add(link(ctx, page + 1, "next"));
        if (page < last || page > last) links.add(link(ctx, last, "last"));
        if (page > 1) {
            links.add(link(ctx, 1, "first"));
            links.add(link(ctx, Math.min(page - 1, last), "prev"));
        }
        if (!links.isEmpty()) ctx.header("Link", String.join(", ", links));
    }

    private String link(Context ctx, int target, String rel) {
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, List<String>> param : ctx.queryParamMap().entrySet()) {
            if (param.getKey().equals("page") || param.getKey().equals("per_page")) continue;
            for (String value : param.getValue()) {
                query.append(encode(param.getKey())).append('=').append(encode(value)).append('&');
            }
        }
        query.append("per_page=").append(perPage).append("&page=").append(target);
        return "<" + ctx.url() + "?" + query + ">; rel=\"" + rel + "\"";
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
