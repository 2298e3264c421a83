package dev.hearth.repos;

import dev.hearth.testing.TestHearth;

class RepoApiPostgresTest extends RepoApiTest {
    @Override
    TestHearth startServer() {
        return TestHearth.postgres();
    }
}
