package dev.hearth.events;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class DurableConsumerSqliteTest extends DurableConsumerTest {
    @TempDir
    Path tmp;

    @Override
    String url() {
        return "jdbc:sqlite:" + tmp.resolve("consumer.db");
    }
}
