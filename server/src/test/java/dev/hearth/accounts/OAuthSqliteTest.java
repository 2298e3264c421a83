package dev.hearth.accounts;

import dev.hearth.testing.TestHearth;

class OAuthSqliteTest extends OAuthTest {
    @Override
    TestHearth startServer() {
        return TestHearth.sqlite();
    }
}
