package dev.hearth.events;

import dev.hearth.testing.TestHearth;

class RevocationSqliteTest extends RevocationTest {
    @Override
    TestHearth startServer() {
        return TestHearth.sqlite();
    }
}
