package dev.hearth.git;

import dev.hearth.testing.TestHearth;

class WritePathPostgresTest extends WritePathTest {
    @Override
    TestHearth startServer() {
        return TestHearth.postgres();
    }
}
