package dev.hearth.repos;

import dev.hearth.testing.Postgres;
import dev.hearth.testing.TestHearth;

class RepoApiPostgresTest extends RepoApiTest {
    private Postgres postgres;

    @Override
    TestHearth startServer() {
        postgres = new Postgres();
        return TestHearth.start(postgres.url(), 100L << 20);
    }

    @Override
    void afterStop() {
        postgres.close();
    }
}
