package dev.hearth.repos;

import dev.hearth.testing.TestHearth;

class RepoApiSqliteTest extends RepoApiTest {
    @Override
    TestHearth startServer() {
        return TestHearth.sqlite();
    }
}
