package dev.hearth.browse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.repos.RepoStore;
import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Archives have their own pool of slots: clients that start a tarball and stop reading hold
 * every slot of the repository, the next archive request is told 503 with {@code Retry-After}
 * while light requests are still answered, and once those clients go away their work stops and
 * the slots are free again.
 */
class ArchiveSlotsTest {
    /** Incompressible content well past what the socket buffers of both ends hold, so a writer blocks. */
    static final int BLOB = 24 << 20;

    static TestHearth server;
    static TestHearth.User owner;

    @BeforeAll
    static void start() throws IOException {
        server = TestHearth.sqlite();
        owner = server.newUser("slots");
        long id = server.newRepo(owner, "big", false).json().get("id").asLong();
        HostileTreesTest.write(new RepoStore(server.dataDir().resolve("repos")), id, in -> {
            byte[] noise = new byte[BLOB];
            new Random(12).nextBytes(noise);
            ObjectId blob = in.insert(Constants.OBJ_BLOB, noise);
            TreeFormatter t = new TreeFormatter();
            t.append("noise.bin", FileMode.REGULAR_FILE, blob);
            return in.insert(t);
        });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String api(String suffix) {
        return "/api/v3/repos/" + owner.login() + "/big" + suffix;
    }

    /** Starts a tarball download, reads its status line and headers, then reads nothing more. */
    static Socket stalledDownload() throws IOException {
        URI base = URI.create(server.baseUrl());
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
        socket.setSoTimeout(30_000);
        socket.getOutputStream().write(("GET " + api("/tarball/main") + " HTTP/1.1\r\nHost: " + base.getHost()
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("headers so far: " + head).isNotNegative();
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 200");
        return socket;
    }

    @Test
    void archivesPastTheirSlotsAreToldToRetryAndTheSlotsComeBackWhenClientsLeave() throws IOException {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < ArchiveRoutes.MAX_ARCHIVES_PER_REPOSITORY; i++) stalled.add(stalledDownload());

            Response busy = server.api().get(api("/zipball/main"), null);
            assertThat(busy.status()).as(busy.body()).isEqualTo(503);
            assertThat(busy.header("Retry-After")).isEqualTo(Long.toString(ArchiveRoutes.RETRY_AFTER.toSeconds()));
            assertThat(busy.body()).contains("archive downloads in progress");

            Response light = server.api().get(api(""), null);
            assertThat(light.status()).isEqualTo(200);
        } finally {
            for (Socket s : stalled) s.close();
        }
        // The stalled archives stop at their next write once their clients are gone, freeing the slots.
        long deadline = System.nanoTime() + 60_000_000_000L;
        int status;
        do {
            status = Bytes.get(server.baseUrl() + api("/tarball/main"), null, java.util.Map.of()).status();
        } while (status == 503 && System.nanoTime() < deadline);
        assertThat(status).isEqualTo(200);
    }
}
