package dev.hearth.accounts;

import dev.hearth.testing.Postgres;
import dev.hearth.testing.TestHearth;

class AccountApiPostgresTest extends AccountApiTest {
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
