package dev.hearth.accounts;

import dev.hearth.testing.TestHearth;

class AccountApiSqliteTest extends AccountApiTest {
    @Override
    TestHearth startServer() {
        return TestHearth.sqlite();
    }
}
