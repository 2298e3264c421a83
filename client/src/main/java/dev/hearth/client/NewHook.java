package dev.hearth.client;

import java.util.List;

/**
 * A webhook to create: the URL payloads go to, {@code json} or {@code form}, an optional secret
 * that signs them, and the events it wants ({@code push}, {@code create}, {@code delete},
 * {@code repository}, {@code member}, or {@code *}).
 */
public record NewHook(Hook.Config config, List<String> events, Boolean active) {

    public static NewHook to(String url, List<String> events) {
        return new NewHook(new Hook.Config(url, "json", null, null), events, null);
    }

    public NewHook secret(String secret) {
        return new NewHook(new Hook.Config(config.url(), config.contentType(), config.insecureSsl(), secret), events, active);
    }

    public NewHook contentType(String contentType) {
        return new NewHook(new Hook.Config(config.url(), contentType, config.insecureSsl(), config.secret()), events, active);
    }

    public NewHook active(boolean active) {
        return new NewHook(config, events, active);
    }
}
