package dev.hearth.accounts;

import dev.hearth.testing.TestHearth;

class TokenThrottleSqliteTest extends TokenThrottleTest {
    @Override
    TestHearth startServer() {
        return TestHearth.sqlite();
    }
}
