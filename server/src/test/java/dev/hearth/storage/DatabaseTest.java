package dev.hearth.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite as Hearth opens it: writers wait for each other instead of failing at once. */
class DatabaseTest {
    @Test
    void sqliteConnectionsWaitOnABusyDatabase(@TempDir Path dir) {
        try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("hearth.db"))) {
            Integer timeout = db.jdbi().withHandle(h -> h.createQuery("PRAGMA busy_timeout").mapTo(Integer.class).one());
            assertThat(timeout).isEqualTo(10_000);
            String journal = db.jdbi().withHandle(h -> h.createQuery("PRAGMA journal_mode").mapTo(String.class).one());
            assertThat(journal).isEqualToIgnoringCase("wal");
        }
    }
}
