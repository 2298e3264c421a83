package dev.hearth.events;

import dev.hearth.testing.TestHearth;

class WebhookSqliteTest extends WebhookTest {
    @Override
    TestHearth startServer() {
        return TestHearth.sqlite();
    }
}
