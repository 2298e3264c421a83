package dev.hearth.ui;

import dev.hearth.testing.TestHearth;

class SessionRevocationSqliteTest extends SessionRevocationTest {
    @Override
    TestHearth startServer() {
        return TestHearth.sqlite();
    }
}
