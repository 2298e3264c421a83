package dev.hearth.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The one connection pool, migrated on open. SQLite (embedded, the default) and PostgreSQL
 * (several nodes) run the same SQL and the same migrations; the identity column is a placeholder.
 */
public final class Database implements AutoCloseable {

    /** The databases Hearth runs on, and the one piece of DDL in which they differ. */
    public enum Vendor {
        SQLITE("INTEGER PRIMARY KEY AUTOINCREMENT"),
        POSTGRESQL("BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY");

        private final String identityColumn;

        Vendor(String identityColumn) {
            this.identityColumn = identityColumn;
        }
    }

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Vendor vendor;

    private Database(HikariDataSource dataSource, Vendor vendor) {
        this.dataSource = dataSource;
        this.vendor = vendor;
        this.jdbi = Jdbi.create(dataSource);
    }

    /** Connects, runs pending migrations and returns the ready database. */
    public static Database open(String url) {
        Vendor vendor = url.startsWith("jdbc:sqlite:") ? Vendor.SQLITE : Vendor.POSTGRESQL;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("hearth-db");
        if (vendor == Vendor.SQLITE) {
            createParentDirectory(url);
            config.setMaximumPoolSize(4);
            config.addDataSourceProperty("foreign_keys", "true");
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "NORMAL");
            config.addDataSourceProperty("busy_timeout", "10000");
            // Writers take the lock when the transaction begins, so two writers queue on
            // busy_timeout instead of failing to upgrade a read lock.
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        } else {
            config.setMaximumPoolSize(10);
        }
        HikariDataSource ds = new HikariDataSource(config);
        try {
            Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration/common")
                    .placeholders(Map.of("identity", vendor.identityColumn))
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, vendor);
    }

    private static void createParentDirectory(String url) {
        sqliteFile(url).ifPresent(file -> {
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) Files.createDirectories(parent);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot create the directory of " + file, e);
            }
        });
    }

    /** The database file of a {@code jdbc:sqlite:} URL; empty for any other URL, an in-memory database or a {@code file:} URI. */
    public static Optional<Path> sqliteFile(String url) {
        if (!url.startsWith("jdbc:sqlite:")) return Optional.empty();
        String file = url.substring("jdbc:sqlite:".length());
        int query = file.indexOf('?');
        if (query >= 0) file = file.substring(0, query);
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) return Optional.empty();
        return Optional.of(Path.of(file));
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Vendor vendor() {
        return vendor;
    }

    /** True when a trivial query answers: what {@code /readyz} asks. */
    public boolean isReachable() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether the database accepts a write now: one row of {@code health_probe} updated and
     * committed (a rolled-back write would not reach the disk, so it would not find a full one).
     * What {@code /readyz} asks; a busy SQLite waits at most its busy timeout.
     */
    public boolean acceptsWrites() {
        try {
            jdbi.useTransaction(h -> h.createUpdate("UPDATE health_probe SET checked_at = :now WHERE id = 1")
                    .bind("now", System.currentTimeMillis())
                    .execute());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether a failure came from storage out of space, whichever layer raised it: the file
     * system ({@code ENOSPC}, "No space left on device"), SQLite ({@code SQLITE_FULL}) or
     * PostgreSQL (SQLSTATE 53100, {@code disk_full}). The one place that knows these shapes; the
     * HTTP layer answers them 507.
     */
    public static boolean isOutOfSpace(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof SQLiteException e && e.getResultCode() == SQLiteErrorCode.SQLITE_FULL) return true;
            if (t instanceof SQLException e && ("53100".equals(e.getSQLState())
                    || e.getErrorCode() == SQLiteErrorCode.SQLITE_FULL.code)) {
                return true;
            }
            if (t instanceof java.io.IOException && t.getMessage() != null
                    && t.getMessage().contains("No space left on device")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a failure was a unique-constraint violation, whichever database raised it: the
     * one place where SQLite's and PostgreSQL's errors become the same "already exists".
     */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException e) {
                SQLiteErrorCode code = e.getResultCode();
                if (code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                        || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY) {
                    return true;
                }
            } else if (t instanceof SQLException e && "23505".equals(e.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
