package dev.hearth.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.HookReceiver;
import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One repository's many hooks point at a receiver that accepts connections and never answers;
 * an unrelated repository's healthy hook must still be delivered at once, not after the hanging
 * ones' 10 s timeouts have run out one shared slot after another.
 */
class WebhookIsolationTest {
    static final int HANGING_HOOKS = 40;
    TestHearth server;
    HookReceiver healthy;
    ServerSocket hanging;
    final List<Socket> held = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = TestHearth.sqlite();
        healthy = new HookReceiver();
        hanging = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try {
                while (true) held.add(hanging.accept()); // read nothing, answer nothing
            } catch (IOException e) {
                // closed at the end of the test
            }
        });
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        healthy.close();
        hanging.close();
        for (Socket s : held) s.close();
    }

    private void hook(TestHearth.User owner, String repo, String url) {
        Response r = server.api().post("/api/v3/repos/" + owner.login() + "/" + repo + "/hooks", owner.basic(),
                "{\"name\":\"web\",\"config\":{\"url\":\"" + url + "\",\"content_type\":\"json\"},\"events\":[\"push\"]}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private void commit(TestHearth.User owner, String repo) {
        String content = java.util.Base64.getEncoder().encodeToString("x\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Response r = server.api().put("/api/v3/repos/" + owner.login() + "/" + repo + "/contents/f.txt", owner.bearer(),
                "{\"message\":\"add\",\"content\":\"" + content + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    @Test
    void aReceiverThatNeverAnswersDoesNotDelayAnother() {
        TestHearth.User owner = server.newUser("hooks");
        server.newRepo(owner, "noisy", false);
        server.newRepo(owner, "quiet", false);
        String dead = "http://127.0.0.1:" + hanging.getLocalPort() + "/hook";
        for (int i = 0; i < HANGING_HOOKS; i++) hook(owner, "noisy", dead);
        hook(owner, "quiet", healthy.url() + "/hook");
        commit(owner, "noisy"); // one push: a delivery to each of the hanging hooks

        // Wait (bounded) until the dead receiver is holding deliveries: they are in flight now.
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (held.size() < 2 && System.nanoTime() < end) Thread.onSpinWait();
        assertThat(held).as("the hanging receiver got connections").hasSizeGreaterThanOrEqualTo(2);

        commit(owner, "quiet");
        // Less than one hanging request's 10 s timeout: before the fix, 8 shared slots were all
        // held by the dead receiver, and the healthy ping waited for them to time out.
        HookReceiver.Received push = healthy.next(Duration.ofSeconds(5));
        assertThat(push).as("the healthy hook's delivery arrived within 5 s").isNotNull();
        assertThat(push.header("X-GitHub-Event")).isEqualTo("push");
        assertThat(push.bodyText()).contains("/quiet");
    }
}
