package dev.hearth.ui;

import dev.hearth.testing.TestHearth;

class SessionRevocationPostgresTest extends SessionRevocationTest {
    @Override
    TestHearth startServer() {
        return TestHearth.postgres();
    }
}
