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

    /** One delivery attempt series, newest first on the page, with the form action that sends it again. */
    public record DeliveryRow(String event, String status, String code, int attempts, String duration, String when,
                              String exact, boolean redelivery, String redeliverAction) {}

    /**
     * {@code /{owner}/{repo}/settings/hooks/{id}}: a hook's settings form (as stored, or as typed
     * when refused), its test and delete buttons, and its delivery log. {@code notice} says what
     * was just done (updated, queued), or is null.
     */
    public record Hook(RepoHeader repo, HookRow hook, List<String> events, String url, List<String> chosen,
                       String contentType, boolean active, boolean hasSecret, FormErrors errors, String notice,
                       List<DeliveryRow> deliveries) {
        public boolean chosen(String event) {
            return chosen.contains(event);
        }

        public String action() {
            return hook.href();
        }

        public String deleteAction() {
            return hook.href() + "/delete";
        }

        public String pingAction() {
            return hook.href() + "/ping";
        }
    }
}
