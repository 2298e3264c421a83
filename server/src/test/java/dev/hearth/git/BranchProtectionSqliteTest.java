package dev.hearth.git;

import dev.hearth.testing.TestHearth;

class BranchProtectionSqliteTest extends BranchProtectionTest {
    @Override
    TestHearth startServer() {
        return TestHearth.sqlite();
    }
}
