package dev.hearth.events;

import dev.hearth.testing.TestHearth;

class RevocationPostgresTest extends RevocationTest {
    @Override
    TestHearth startServer() {
        return TestHearth.postgres();
    }
}
