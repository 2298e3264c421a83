package dev.hearth.accounts;

import dev.hearth.testing.TestHearth;

class SshKeyApiSqliteTest extends SshKeyApiTest {
    @Override
    TestHearth startServer() {
        return TestHearth.sqlite();
    }
}
