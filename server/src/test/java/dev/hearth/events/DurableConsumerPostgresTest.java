package dev.hearth.events;

import dev.hearth.testing.Postgres;

class DurableConsumerPostgresTest extends DurableConsumerTest {
    @Override
    String url() {
        Postgres postgres = new Postgres();
        home = postgres;
        return postgres.url();
    }
}
