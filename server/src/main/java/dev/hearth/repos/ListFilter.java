package dev.hearth.repos;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A SQL condition on the {@code repositories} table (aliased {@code r}) with its named
 * parameters: how a {@link GrantSource} says in a listing's WHERE clause where it grants. Each
 * source names its parameters with its own prefix, so conditions can be joined.
 */
public record ListFilter(String sql, Map<String, Object> params) {
    public static final ListFilter NONE = new ListFilter("FALSE", Map.of());
    public static final ListFilter ALL = new ListFilter("TRUE", Map.of());
    static final ListFilter PUBLIC = new ListFilter("r.private = FALSE", Map.of());

    public ListFilter {
        params = Map.copyOf(params);
    }

    static ListFilter anyOf(List<ListFilter> filters) {
        return join(filters, " OR ", NONE);
    }

    static ListFilter allOf(List<ListFilter> filters) {
        return join(filters, " AND ", ALL);
    }

    private static ListFilter join(List<ListFilter> filters, String op, ListFilter empty) {
        if (filters.isEmpty()) return empty;
        Map<String, Object> params = new HashMap<>();
        for (ListFilter f : filters) {
            for (var e : f.params().entrySet()) {
                Object before = params.putIfAbsent(e.getKey(), e.getValue());
                if (before != null && !before.equals(e.getValue())) {
                    throw new IllegalStateException("two grant sources bind :" + e.getKey() + " differently");
                }
            }
        }
        return new ListFilter(filters.stream().map(f -> "(" + f.sql() + ")").collect(Collectors.joining(op, "(", ")")),
                params);
    }
}
