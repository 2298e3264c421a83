package dev.hearth.events;

import dev.hearth.testing.TestHearth;

class EventStreamSqliteTest extends EventStreamTest {
    @Override
    TestHearth startServer() {
        return TestHearth.sqlite();
    }
}
