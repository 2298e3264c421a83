import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The event benchmark of issue 4, against a running Hearth (bench/events.sh starts one):
 *
 *  1. fan-out: N WebSocket subscribers of one repository; each round commits a file through the
 *     contents API and times, per subscriber, from the moment the request is sent to the receipt
 *     of its push event (an upper bound on "from the ref update": the update happens inside that
 *     request). Per round: p50, p99 and last receipt; reported as medians over rounds.
 *  2. heap: the server's heap after a full GC with no subscribers and with N (jcmd, by PID).
 *  3. webhooks: a local receiver that holds its first requests until M member events are queued
 *     (so the outbox has a backlog), then answers 200 at once; deliveries per second from the
 *     release to the last of the M deliveries.
 *
 * Usage: java EventsBench.java BASE_URL ADMIN_PASSWORD SERVER_PID [SUBSCRIBERS] [ROUNDS] [HOOK_EVENTS]
 * JDK only; every wait is bounded.
 */
public class EventsBench {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    static String base;

    public static void main(String[] args) throws Exception {
        base = args[0];
        String adminPassword = args[1];
        long pid = Long.parseLong(args[2]);
        int subscribers = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        int hookEvents = args.length > 5 ? Integer.parseInt(args[5]) : 400;
        String admin = basic("admin", adminPassword);

        String userPass = "Wide-Spread-Pass-1";
        check(send("POST", "/api/v3/admin/users", admin,
                "{\"login\":\"fan\",\"email\":\"fan@example.com\",\"password\":\"" + userPass + "\"}"), 201);
        check(send("POST", "/api/v3/admin/users", admin,
                "{\"login\":\"buddy\",\"email\":\"buddy@example.com\",\"password\":\"Second-Friend-Pass-1\"}"), 201);
        String user = basic("fan", userPass);
        String token = field(check(send("POST", "/api/v3/users/fan/tokens", user,
                "{\"name\":\"bench\",\"scopes\":[\"repo\",\"admin:repo_hook\"]}"), 201), "token");
        String bearer = "Bearer " + token;
        check(send("POST", "/api/v3/user/repos", bearer, "{\"name\":\"stream\",\"auto_init\":true}"), 201);

        long heapIdle = heapAfterGc(pid);
        System.out.printf("server heap after GC, no subscribers: %.1f MiB%n", heapIdle / 1048576.0);

        // --- 1. subscribers ---
        List<Sub> subs = Collections.synchronizedList(new ArrayList<>());
        long connectStart = System.nanoTime();
        var pool = Executors.newVirtualThreadPerTaskExecutor();
        var connecting = new ArrayList<CompletableFuture<Void>>();
        java.util.concurrent.Semaphore gate = new java.util.concurrent.Semaphore(64);
        for (int i = 0; i < subscribers; i++) {
            connecting.add(CompletableFuture.runAsync(() -> {
                try {
                    gate.acquire();
                    try {
                        subs.add(Sub.open(bearer, "fan/stream"));
                    } finally {
                        gate.release();
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, pool));
        }
        CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
        System.out.printf("%d subscribers connected, authenticated and subscribed in %.1f s%n", subs.size(),
                (System.nanoTime() - connectStart) / 1e9);
        long heapBusy = heapAfterGc(pid);
        System.out.printf("server heap after GC, %d subscribers: %.1f MiB (%.1f KiB per subscriber)%n", subscribers,
                heapBusy / 1048576.0, (heapBusy - heapIdle) / 1024.0 / subscribers);

        // --- 2. fan-out rounds ---
        List<Double> p50s = new ArrayList<>(), p99s = new ArrayList<>(), lasts = new ArrayList<>(), puts = new ArrayList<>();
        String sha = null;
        for (int round = -2; round < rounds; round++) { // two warm-up rounds
            for (Sub s : subs) s.arm();
            String content = Base64.getEncoder().encodeToString(("round " + round + "\n").getBytes(StandardCharsets.UTF_8));
            String body = "{\"message\":\"round " + round + "\",\"content\":\"" + content + "\""
                    + (sha == null ? "" : ",\"sha\":\"" + sha + "\"") + "}";
            long t0 = System.nanoTime();
            HttpResponse<String> put = send("PUT", "/api/v3/repos/fan/stream/contents/fanout.txt", bearer, body);
            long putNanos = System.nanoTime() - t0;
            if (put.statusCode() != 200 && put.statusCode() != 201) throw new IllegalStateException(put.body());
            sha = field(field(put.body(), "content", true), "sha");
            long[] lat = new long[subs.size()];
            for (int i = 0; i < subs.size(); i++) {
                Sub s = subs.get(i);
                if (!s.received.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("a subscriber got nothing in 30 s");
                lat[i] = s.at.get() - t0;
            }
            java.util.Arrays.sort(lat);
            if (round < 0) continue;
            p50s.add(lat[lat.length / 2] / 1e6);
            p99s.add(lat[(int) Math.ceil(lat.length * 0.99) - 1] / 1e6);
            lasts.add(lat[lat.length - 1] / 1e6);
            puts.add(putNanos / 1e6);
        }
        System.out.printf("fan-out to %d subscribers over %d rounds (medians over rounds, ms from sending the commit request):%n",
                subs.size(), rounds);
        System.out.printf("  p50 %.1f   p99 %.1f   last %.1f   (the commit request itself: %.1f)%n",
                median(p50s), median(p99s), median(lasts), median(puts));
        System.out.printf("  per round p99: %s%n", p99s.stream().map(d -> String.format("%.0f", d)).toList());
        for (Sub s : subs) s.ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");

        // --- 3. webhook throughput ---
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger delivered = new AtomicInteger();
        AtomicLong lastAt = new AtomicLong();
        CountDownLatch all = new CountDownLatch(hookEvents);
        var receiver = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/hook", ex -> {
            ex.getRequestBody().readAllBytes();
            String event = ex.getRequestHeaders().getFirst("X-GitHub-Event");
            if ("member".equals(event)) {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                delivered.incrementAndGet();
                lastAt.set(System.nanoTime());
                all.countDown();
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
        String hookUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        check(send("POST", "/api/v3/repos/fan/stream/hooks", bearer,
                "{\"config\":{\"url\":\"" + hookUrl + "\",\"content_type\":\"json\",\"secret\":\"s3cret\"},\"events\":[\"member\"]}"), 201);
        long genStart = System.nanoTime();
        for (int i = 0; i < hookEvents; i++) {
            boolean add = i % 2 == 0;
            var r = send(add ? "PUT" : "DELETE", "/api/v3/repos/fan/stream/collaborators/buddy", bearer,
                    add ? "{\"permission\":\"read\"}" : null);
            if (r.statusCode() / 100 != 2) throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
        double genSeconds = (System.nanoTime() - genStart) / 1e9;
        long released = System.nanoTime();
        release.countDown();
        if (!all.await(300, TimeUnit.SECONDS)) {
            System.out.printf("webhooks: only %d of %d delivered within 300 s%n", delivered.get(), hookEvents);
        } else {
            double seconds = (lastAt.get() - released) / 1e9;
            System.out.printf("webhooks: %d member events queued in %.1f s (%.0f/s), then delivered in %.2f s: %.0f deliveries/s%n",
                    hookEvents, genSeconds, hookEvents / genSeconds, seconds, hookEvents / seconds);
        }
        receiver.stop(0);
        System.exit(0);
    }

    /** One subscriber: a WebSocket that records when the next push event arrives. */
    static final class Sub implements WebSocket.Listener {
        final CountDownLatch ready = new CountDownLatch(1);
        volatile CountDownLatch received = new CountDownLatch(1);
        final AtomicLong at = new AtomicLong();
        final StringBuilder partial = new StringBuilder();
        WebSocket ws;

        static Sub open(String bearer, String repo) throws Exception {
            Sub s = new Sub();
            s.ws = HTTP.newWebSocketBuilder().header("Authorization", bearer).connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(URI.create(base.replace("http://", "ws://") + "/api/v3/events"), s).get(60, TimeUnit.SECONDS);
            s.ws.sendText("{\"type\":\"subscribe\",\"repo\":\"" + repo + "\"}", true).get(30, TimeUnit.SECONDS);
            if (!s.ready.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("not subscribed in 60 s");
            return s;
        }

        void arm() {
            received = new CountDownLatch(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String m = partial.toString();
                partial.setLength(0);
                if (m.contains("\"type\":\"subscribed\"")) ready.countDown();
                else if (m.contains("\"type\":\"event\"") && m.contains("\"event\":\"push\"")) {
                    at.set(System.nanoTime());
                    received.countDown();
                } else if (m.contains("\"type\":\"ping\"")) ws.sendText("{\"type\":\"pong\"}", true);
            }
            ws.request(1);
            return null;
        }
    }

    static long heapAfterGc(long pid) throws Exception {
        run("jcmd", Long.toString(pid), "GC.run");
        String info = run("jcmd", Long.toString(pid), "GC.heap_info");
        // Serial: "DefNew total …K, used …K" + "Tenured total …K, used …K"; G1: "garbage-first heap total …, used …".
        Matcher m = Pattern.compile("total \\d+K, used (\\d+)K").matcher(info);
        long used = 0;
        while (m.find()) used += Long.parseLong(m.group(1)) * 1024;
        return used;
    }

    static String run(String... cmd) throws IOException, InterruptedException {
        String jdk = System.getProperty("java.home");
        cmd[0] = jdk + "/bin/" + cmd[0];
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
        return out;
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.isEmpty() ? Double.NaN : s.get(s.size() / 2);
    }

    static String basic(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> send(String method, String path, String auth, String json) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).header("Authorization", auth)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) b.header("Content-Type", "application/json");
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String check(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) throw new IllegalStateException(r.request().uri() + " → " + r.statusCode() + " " + r.body());
        return r.body();
    }

    /** A string field of a flat JSON object; or, with object=true, the nested object under that name. */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        if (!m.find()) throw new IllegalStateException("no " + name + " in " + json);
        return m.group(1);
    }

    static String field(String json, String name, boolean object) {
        int at = json.indexOf("\"" + name + "\":{");
        if (at < 0) throw new IllegalStateException("no " + name + " in " + json);
        return json.substring(at);
    }
}
