package dev.hearth.accounts;

import dev.hearth.testing.TestHearth;

class TokenThrottlePostgresTest extends TokenThrottleTest {
    @Override
    TestHearth startServer() {
        return TestHearth.postgres();
    }
}
