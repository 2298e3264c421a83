package dev.hearth.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Database#isOutOfSpace}: the shapes a full disk takes in the file system, SQLite and PostgreSQL. */
class OutOfSpaceTest {
    @Test
    void aFileSystemWithNoSpaceLeft() {
        Path full = Path.of("/dev/full"); // every write to it fails with ENOSPC
        assumeTrue(Files.isWritable(full), "/dev/full is not available here");
        Throwable failure = catchThrowable(() -> {
            try (FileOutputStream out = new FileOutputStream(full.toFile())) {
                out.write(new byte[4096]);
                out.flush();
            }
        });
        assertThat(failure).isInstanceOf(IOException.class);
        assertThat(Database.isOutOfSpace(failure)).isTrue();
        assertThat(Database.isOutOfSpace(new UncheckedIOException((IOException) failure))).isTrue();
        assertThat(Database.isOutOfSpace(new IOException("Permission denied"))).isFalse();
    }

    @Test
    void aFullSqliteDatabase(@TempDir Path dir) {
        String url = "jdbc:sqlite:" + dir.resolve("full.db");
        long pages;
        try (Database db = Database.open(url)) {
            pages = db.jdbi().withHandle(h -> h.createQuery("PRAGMA page_count").mapTo(Long.class).one());
        }
        // SQLite's own cap on the file, at the size it has: the next page it needs is refused with SQLITE_FULL.
        try (Database db = Database.open(url + "?max_page_count=" + pages)) {
            Throwable failure = catchThrowable(() -> db.jdbi().useHandle(h -> {
                for (int i = 0; i < 10_000; i++) {
                    h.createUpdate("INSERT INTO health_probe (id, checked_at) VALUES (:id, :id)").bind("id", i + 2).execute();
                }
            }));
            assertThat(failure).as("SQLite never filled up").isNotNull();
            assertThat(Database.isOutOfSpace(failure)).as(failure.toString()).isTrue();
            assertThat(Database.isUniqueViolation(failure)).isFalse();
        }
    }

    @Test
    void postgresDiskFullButNotOtherErrors() {
        SQLException diskFull = new SQLException("could not extend file: No space left on device", "53100");
        assertThat(Database.isOutOfSpace(new UnableToExecuteStatementException(diskFull, null))).isTrue();
        assertThat(Database.isOutOfSpace(new UnableToExecuteStatementException(new SQLException("dup", "23505"), null)))
                .isFalse();
        assertThat(Database.isOutOfSpace(new IllegalStateException("other"))).isFalse();
    }
}
