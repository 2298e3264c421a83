package dev.hearth.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh schema in the real PostgreSQL at 127.0.0.1:5432 (database {@code test}), one per test
 * class, dropped afterwards. {@code HEARTH_TEST_POSTGRES_URL} points elsewhere if needed.
 */
public final class Postgres implements AutoCloseable {
    private static final String BASE = System.getenv().getOrDefault("HEARTH_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private final String schema = "hearth_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    public Postgres() {
        execute("CREATE SCHEMA " + schema);
    }

    public String url() {
        return BASE + (BASE.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Override
    public void close() {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(BASE); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + BASE + " is needed for this test (.ci/run starts it): "
                    + e.getMessage(), e);
        }
    }
}
