package dev.hearth.ui;

import java.util.List;

/** The models of a repository's webhook pages. */
public final class HookPages {
    private HookPages() {}

    public record HookRow(long id, String url, String events, boolean active, String href) {}

    /** {@code /{owner}/{repo}/settings/hooks}: the hooks and the form for a new one, as typed. */
    public record Hooks(RepoHeader repo, List<HookRow> hooks, List<String> events, String url, List<String> chosen,
                        String contentType, FormErrors errors) {
        public boolean chosen(String event) {
            return chosen.contains(event);
        }
    }

    /** One delivery attempt series, newest first on the page. */
    public record DeliveryRow(String event, String status, String code, int attempts, String duration, String when,
                              String exact, boolean redelivery) {}

    /** {@code /{owner}/{repo}/settings/hooks/{id}}: a hook and its delivery log. */
    public record Hook(RepoHeader repo, HookRow hook, String contentType, List<DeliveryRow> deliveries, String deleteAction) {}
}
