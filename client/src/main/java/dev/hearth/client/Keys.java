package dev.hearth.client;

import java.util.Map;
import java.util.stream.Stream;

/**
 * The caller's public SSH keys ({@code /user/keys}): needs the password or a token with
 * {@code admin:public_key}. Every key signs in over SSH as its owner.
 */
public final class Keys {
    private final Transport t;
    private final int perPage;

    Keys(Transport t, int perPage) {
        this.t = t;
        this.perPage = perPage;
    }

    /** Adds a key given as {@code ssh-keygen} writes it ({@code type base64 [comment]}). */
    public SshKey add(String title, String publicKey) {
        return t.json(t.call("POST", "/api/v3/user/keys", Map.of("title", title, "key", publicKey)), SshKey.class);
    }

    public Stream<SshKey> list() {
        return Pages.stream(t, "/api/v3/user/keys", perPage, SshKey.class);
    }

    public SshKey get(long id) {
        return t.json(Transport.Call.get("/api/v3/user/keys/" + id), SshKey.class);
    }

    public void delete(long id) {
        t.discard(t.call("DELETE", "/api/v3/user/keys/" + id, null));
    }
}
