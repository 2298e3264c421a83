package dev.hearth.events;

import dev.hearth.testing.TestHearth;

class WebhookPostgresTest extends WebhookTest {
    @Override
    TestHearth startServer() {
        return TestHearth.postgres();
    }
}
