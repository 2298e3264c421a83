package dev.hearth.git;

import dev.hearth.testing.TestHearth;

class WritePathSqliteTest extends WritePathTest {
    @Override
    TestHearth startServer() {
        return TestHearth.sqlite();
    }
}
