package dev.hearth.events;

import dev.hearth.testing.TestHearth;

class EventStreamPostgresTest extends EventStreamTest {
    @Override
    TestHearth startServer() {
        return TestHearth.postgres();
    }
}
