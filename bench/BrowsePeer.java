/*
 * BrowsePeer: the "quick implementation" of Hearth's browse API, for bench/browse-load.sh.
 *
 * A plain JDK HTTP server (com.sun.net.httpserver, one virtual thread per request) that answers three
 * GitHub-shaped routes for ONE bare repository by running one `git` subprocess per request, parsing
 * its output and writing JSON by hand. No cache, no persistent git process, no JGit:
 *
 *   GET /api/v3/repos/{o}/{r}/contents/{path}?ref=R       git cat-file --batch  (stdin "R:path"; the
 *                                                         one-process form of `git show R:path` that
 *                                                         also gives the blob's sha and size) -> base64
 *   GET /api/v3/repos/{o}/{r}/git/trees/{sha}?recursive=1 git ls-tree -r -t -l -z SHA (without
 *                                                         recursive=1: git ls-tree -l -z SHA)
 *   GET /api/v3/repos/{o}/{r}/commits?sha=R&per_page=N    git log -N --format=... R
 *
 * The JSON has GitHub's (and Hearth's) field names for these answers, minus node_id and the Link
 * header's total (Hearth's /commits also computes the total number of commits for rel="last"; this
 * peer does not). {o} and {r} only appear in the URLs it writes.
 *
 * Run (JDK 25, no build):  java BrowsePeer.java --port 18091 --git-dir /path/repo.git [--owner o --repo r]
 */
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

public class BrowsePeer {
    private static final Pattern HEX40 = Pattern.compile("[0-9a-f]{40}");
    private static String gitDir;
    private static String owner = "bench";
    private static String repo = "browse";

    public static void main(String[] args) throws IOException {
        // TCP_NODELAY on accepted sockets (read once, when the server classes load): without it the JDK's
        // HttpServer writes headers and body as two segments and Nagle + the client's delayed ACK add ~40 ms
        // to every small answer, which would handicap the peer for reasons that have nothing to do with git.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int port = 18091;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--git-dir" -> gitDir = args[++i];
                case "--owner" -> owner = args[++i];
                case "--repo" -> repo = args[++i];
                default -> { System.err.println("usage: java BrowsePeer.java --port P --git-dir DIR [--owner O --repo R]"); System.exit(2); }
            }
        }
        if (gitDir == null) { System.err.println("--git-dir is required"); System.exit(2); }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", BrowsePeer::handle);
        server.start();
        System.err.println("BrowsePeer listening on 127.0.0.1:" + port + " for " + gitDir);
    }

    private static void handle(HttpExchange ex) throws IOException {
        try (ex) {
            try {
                route(ex);
            } catch (HttpError e) {
                send(ex, e.status, "{\"message\":" + str(e.getMessage()) + "}");
            } catch (Exception e) {
                send(ex, 500, "{\"message\":" + str(String.valueOf(e)) + "}");
            }
        }
    }

    private static void route(HttpExchange ex) throws Exception {
        if (!ex.getRequestMethod().equals("GET")) throw new HttpError(405, "method not allowed");
        if (ex.getRequestURI().getRawPath().equals("/healthz")) { send(ex, 200, "{\"ok\":true}"); return; }
        String path = ex.getRequestURI().getRawPath();
        String[] p = path.split("/", 7); // "", api, v3, repos, o, r, rest
        if (p.length < 7 || !p[1].equals("api") || !p[2].equals("v3") || !p[3].equals("repos")) throw new HttpError(404, "not found");
        String rest = p[6];
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        String base = "http://" + ex.getRequestHeaders().getFirst("Host") + "/api/v3/repos/" + owner + "/" + repo;
        String html = "http://" + ex.getRequestHeaders().getFirst("Host") + "/" + owner + "/" + repo;
        if (rest.startsWith("contents/")) {
            contents(ex, dec(rest.substring("contents/".length())), q.getOrDefault("ref", "HEAD"), base, html);
        } else if (rest.startsWith("git/trees/")) {
            tree(ex, rest.substring("git/trees/".length()), "1".equals(q.get("recursive")) || "true".equals(q.get("recursive")), base);
        } else if (rest.equals("commits")) {
            int perPage = Math.max(1, Math.min(100, Integer.parseInt(q.getOrDefault("per_page", "30"))));
            commits(ex, q.getOrDefault("sha", "HEAD"), perPage, base, html);
        } else {
            throw new HttpError(404, "not found");
        }
    }

    // --- contents: git cat-file --batch <<< "ref:path" ------------------------------------------------
    private static void contents(HttpExchange ex, String path, String ref, String base, String html) throws Exception {
        if (ref.startsWith("-") || ref.contains("\n") || path.contains("\n")) throw new HttpError(400, "bad ref or path");
        byte[] out = git(("" + ref + ":" + path + "\n").getBytes(StandardCharsets.UTF_8), "cat-file", "--batch");
        int nl = indexOf(out, (byte) '\n');
        if (nl < 0) throw new HttpError(500, "no answer from git cat-file");
        String[] head = new String(out, 0, nl, StandardCharsets.UTF_8).split(" ");
        if (head.length != 3 || head[1].equals("missing")) throw new HttpError(404, "not found");
        if (!head[1].equals("blob")) throw new HttpError(422, "not a file (the peer only serves files)");
        int size = Integer.parseInt(head[2]);
        byte[] blob = java.util.Arrays.copyOfRange(out, nl + 1, nl + 1 + size);
        String sha = head[0];
        String name = path.substring(path.lastIndexOf('/') + 1);
        String self = base + "/contents/" + path + "?ref=" + ref;
        String git = base + "/git/blobs/" + sha;
        String htmlUrl = html + "/blob/" + ref + "/" + path;
        String content = Base64.getMimeEncoder(60, new byte[] {'\n'}).encodeToString(blob) + "\n";
        StringBuilder b = new StringBuilder(content.length() + 1024);
        b.append("{\"type\":\"file\",\"encoding\":\"base64\",\"size\":").append(size)
         .append(",\"name\":").append(str(name)).append(",\"path\":").append(str(path))
         .append(",\"content\":").append(str(content)).append(",\"sha\":").append(str(sha))
         .append(",\"url\":").append(str(self)).append(",\"git_url\":").append(str(git))
         .append(",\"html_url\":").append(str(htmlUrl))
         .append(",\"download_url\":").append(str(html + "/raw/" + ref + "/" + path))
         .append(",\"_links\":{\"self\":").append(str(self)).append(",\"git\":").append(str(git))
         .append(",\"html\":").append(str(htmlUrl)).append("}}");
        send(ex, 200, b.toString());
    }

    // --- trees: git ls-tree [-r -t] -l -z SHA ------------------------------------------------------------
    private static void tree(HttpExchange ex, String sha, boolean recursive, String base) throws Exception {
        if (!HEX40.matcher(sha).matches()) throw new HttpError(422, "the peer takes a full tree sha");
        byte[] out = recursive ? git(null, "ls-tree", "-r", "-t", "-l", "-z", sha) : git(null, "ls-tree", "-l", "-z", sha);
        StringBuilder b = new StringBuilder(out.length * 2 + 256);
        b.append("{\"sha\":").append(str(sha)).append(",\"url\":").append(str(base + "/git/trees/" + sha)).append(",\"tree\":[");
        int start = 0;
        boolean first = true;
        for (int i = 0; i < out.length; i++) {
            if (out[i] != 0) continue;
            String line = new String(out, start, i - start, StandardCharsets.UTF_8);
            start = i + 1;
            int tab = line.indexOf('\t');
            String[] meta = line.substring(0, tab).trim().split(" +"); // mode type sha size
            String p = line.substring(tab + 1);
            String type = meta[1];
            if (!first) b.append(',');
            first = false;
            b.append("{\"path\":").append(str(p)).append(",\"mode\":").append(str(meta[0]))
             .append(",\"type\":").append(str(type)).append(",\"sha\":").append(str(meta[2]));
            if (type.equals("blob")) b.append(",\"size\":").append(meta[3]);
            if (type.equals("tree")) b.append(",\"url\":").append(str(base + "/git/trees/" + meta[2]));
            else if (type.equals("blob")) b.append(",\"url\":").append(str(base + "/git/blobs/" + meta[2]));
            b.append('}');
        }
        b.append("],\"truncated\":false}");
        send(ex, 200, b.toString());
    }

    // --- commits: git log -N --format=... REF --------------------------------------------------------------
    private static final String FORMAT = "--format=%x1e%H%x00%T%x00%P%x00%an%x00%ae%x00%ad%x00%cn%x00%ce%x00%cd%x00%B";

    private static void commits(HttpExchange ex, String ref, int n, String base, String html) throws Exception {
        if (ref.startsWith("-")) throw new HttpError(400, "bad sha");
        byte[] out = git(null, "log", "-" + n, "--date=format-local:%Y-%m-%dT%H:%M:%SZ", FORMAT, "--end-of-options", ref, "--");
        String all = new String(out, StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder(out.length * 3 + 256);
        b.append('[');
        boolean first = true;
        for (String rec : all.split("\u001e")) {
            if (rec.isEmpty()) continue;
            String[] f = rec.split("\u0000", 10);
            String sha = f[0], tree = f[1];
            if (!first) b.append(',');
            first = false;
            b.append("{\"sha\":").append(str(sha)).append(",\"commit\":{\"author\":")
             .append(person(f[3], f[4], f[5])).append(",\"committer\":").append(person(f[6], f[7], f[8]))
             .append(",\"message\":").append(str(f[9].stripTrailing()))
             .append(",\"tree\":{\"sha\":").append(str(tree)).append(",\"url\":").append(str(base + "/git/trees/" + tree))
             .append("},\"url\":").append(str(base + "/git/commits/" + sha))
             .append(",\"comment_count\":0,\"verification\":{\"verified\":false,\"reason\":\"unsigned\",\"signature\":null,\"payload\":null}}")
             .append(",\"url\":").append(str(base + "/commits/" + sha))
             .append(",\"html_url\":").append(str(html + "/commit/" + sha))
             .append(",\"comments_url\":").append(str(base + "/commits/" + sha + "/comments"))
             .append(",\"author\":null,\"committer\":null,\"parents\":[");
            String parents = f[2].trim();
            if (!parents.isEmpty()) {
                String[] ps = parents.split(" ");
                for (int i = 0; i < ps.length; i++) {
                    if (i > 0) b.append(',');
                    b.append("{\"sha\":").append(str(ps[i])).append(",\"url\":").append(str(base + "/commits/" + ps[i]))
                     .append(",\"html_url\":").append(str(html + "/commit/" + ps[i])).append('}');
                }
            }
            b.append("]}");
        }
        b.append(']');
        send(ex, 200, b.toString());
    }

    private static String person(String name, String email, String date) {
        return "{\"name\":" + str(name) + ",\"email\":" + str(email) + ",\"date\":" + str(date) + "}";
    }

    // --- plumbing ------------------------------------------------------------------------------------------
    /** Runs git once in the repository and returns its stdout; a non-zero exit is a 404 (bad ref or object). */
    private static byte[] git(byte[] stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(args.length + 3);
        cmd.add("git");
        cmd.add("--git-dir=" + gitDir);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("TZ", "UTC");
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        Process proc = pb.start();
        try {
            try (OutputStream in = proc.getOutputStream()) {
                if (stdin != null) in.write(stdin);
            }
            byte[] out;
            try (InputStream o = proc.getInputStream()) {
                out = o.readAllBytes();
            }
            if (!proc.waitFor(30, TimeUnit.SECONDS)) throw new HttpError(504, "git took more than 30 s");
            if (proc.exitValue() != 0) throw new HttpError(404, "git " + args[0] + " failed (exit " + proc.exitValue() + ")");
            return out;
        } finally {
            proc.destroyForcibly();
        }
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(body);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> m = new HashMap<>();
        if (raw == null) return m;
        for (String kv : raw.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) m.put(dec(kv.substring(0, eq)), dec(kv.substring(eq + 1)));
        }
        return m;
    }

    private static String dec(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] a, byte v) {
        for (int i = 0; i < a.length; i++) if (a[i] == v) return i;
        return -1;
    }

    /** A JSON string literal. */
    private static String str(String s) {
        if (s == null) return "null";
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> { if (c < 0x20) b.append(String.format("\\u%04x", (int) c)); else b.append(c); }
            }
        }
        return b.append('"').toString();
    }

    private static final class HttpError extends Exception {
        final int status;
        HttpError(int status, String message) { super(message, null, false, false); this.status = status; }
    }
}
