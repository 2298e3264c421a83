package dev.hearth.client;

import java.util.List;

/** Changes to a webhook; null fields stay as they are. */
public record HookUpdate(Hook.Config config, List<String> events, List<String> addEvents, List<String> removeEvents,
                         Boolean active) {
    public static HookUpdate none() {
        return new HookUpdate(null, null, null, null, null);
    }

    public HookUpdate events(List<String> events) {
        return new HookUpdate(config, events, addEvents, removeEvents, active);
    }

    public HookUpdate addEvents(List<String> add) {
        return new HookUpdate(config, events, add, removeEvents, active);
    }

    public HookUpdate removeEvents(List<String> remove) {
        return new HookUpdate(config, events, addEvents, remove, active);
    }

    public HookUpdate active(boolean active) {
        return new HookUpdate(config, events, addEvents, removeEvents, active);
    }

    public HookUpdate url(String url) {
        return new HookUpdate(new Hook.Config(url, null, null, null), events, addEvents, removeEvents, active);
    }
}
