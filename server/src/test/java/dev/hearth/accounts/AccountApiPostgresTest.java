package dev.hearth.accounts;

import dev.hearth.testing.TestHearth;

class AccountApiPostgresTest extends AccountApiTest {
    @Override
    TestHearth startServer() {
        return TestHearth.postgres();
    }
}
