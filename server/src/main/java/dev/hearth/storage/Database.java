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
