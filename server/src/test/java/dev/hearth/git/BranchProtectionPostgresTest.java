package dev.hearth.git;

import dev.hearth.testing.TestHearth;

class BranchProtectionPostgresTest extends BranchProtectionTest {
    @Override
    TestHearth startServer() {
        return TestHearth.postgres();
    }
}
