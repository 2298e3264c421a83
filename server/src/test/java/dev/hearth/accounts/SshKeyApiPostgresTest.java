package dev.hearth.accounts;

import dev.hearth.testing.TestHearth;

class SshKeyApiPostgresTest extends SshKeyApiTest {
    @Override
    TestHearth startServer() {
        return TestHearth.postgres();
    }
}
