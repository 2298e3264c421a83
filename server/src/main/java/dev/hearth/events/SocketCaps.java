package dev.hearth.events;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many event sockets each user and each address holds open, against a cap for each: asked
 * at the upgrade (past the cap: 429) and counted once a socket is open, released when it closes,
 * so thousands of sockets from one token or one address cannot pile up.
 */
final class SocketCaps {
    private final int perUser;
    private final int perAddress;
    private final Map<Long, Integer> byUser = new ConcurrentHashMap<>();
    private final Map<String, Integer> byAddress = new ConcurrentHashMap<>();

    SocketCaps(int perUser, int perAddress) {
        this.perUser = perUser;
        this.perAddress = perAddress;
    }

    boolean addressFull(String address) {
        return byAddress.getOrDefault(address, 0) >= perAddress;
    }

    boolean userFull(long userId) {
        return byUser.getOrDefault(userId, 0) >= perUser;
    }

    int perUser() {
        return perUser;
    }

    int perAddress() {
        return perAddress;
    }

    /** Counts one more socket from {@code address}; false (and nothing counted) past the cap. */
    boolean takeAddress(String address) {
        return take(byAddress, address, perAddress);
    }

    /** Counts one more socket of the user; false (and nothing counted) past the cap. */
    boolean takeUser(long userId) {
        return take(byUser, userId, perUser);
    }

    void releaseAddress(String address) {
        byAddress.computeIfPresent(address, (k, n) -> n <= 1 ? null : n - 1);
    }

    void releaseUser(long userId) {
        byUser.computeIfPresent(userId, (k, n) -> n <= 1 ? null : n - 1);
    }

    private static <K> boolean take(Map<K, Integer> counts, K key, int cap) {
        boolean[] taken = {false};
        counts.compute(key, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= cap) return n;
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }
}
