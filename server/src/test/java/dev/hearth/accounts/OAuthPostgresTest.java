package dev.hearth.accounts;

import dev.hearth.testing.TestHearth;

class OAuthPostgresTest extends OAuthTest {
    @Override
    TestHearth startServer() {
        return TestHearth.postgres();
    }
}
