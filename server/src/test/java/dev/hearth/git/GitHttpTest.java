package dev.hearth.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.repos.RepoStore;
import dev.hearth.testing.GitCli;
import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real git CLI against Hearth's smart HTTP: clone, push, fetch, shallow, v2, partial clone, access rules. */
class GitHttpTest {
    static final long MAX_OBJECT = 1L << 20;
    static TestHearth server;
    static TestHearth.User owner;
    static TestHearth.User reader;
    static TestHearth.User writer;
    static TestHearth.User stranger;

    @TempDir
    Path tmp;
    GitCli git;

    @BeforeAll
    static void start() {
        server = TestHearth.start(null, MAX_OBJECT);
        owner = server.newUser("owner");
        reader = server.newUser("reader");
        writer = server.newUser("writer");
        stranger = server.newUser("stranger");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @org.junit.jupiter.api.BeforeEach
    void cli() throws IOException {
        git = new GitCli(Files.createDirectories(tmp.resolve("home")));
    }

    private static String url(String repo) {
        return server.baseUrl() + "/" + owner.login() + "/" + repo + ".git";
    }

    private static String url(String repo, TestHearth.User as) {
        return server.baseUrl().replace("http://", "http://" + as.login() + ":" + as.token() + "@")
                + "/" + owner.login() + "/" + repo + ".git";
    }

    /** A working copy with one commit per given file content, pushed as owner to main. */
    private Path seeded(String repo, String... contents) throws IOException {
        Path work = tmp.resolve("seed-" + repo);
        git.run(tmp, "init", "-q", "-b", "main", work.toString()).ok();
        for (int i = 0; i < contents.length; i++) {
            Files.writeString(work.resolve("file.txt"), contents[i]);
            git.run(work, "add", "file.txt").ok();
            git.run(work, "commit", "-q", "-m", "commit " + i).ok();
        }
        git.run(work, "push", "-q", url(repo, owner), "main").ok();
        return work;
    }

    @Test
    void cloneEmptyPushCloneFetchAndLsRemote() throws IOException {
        server.newRepo(owner, "basic", false);
        Path first = tmp.resolve("first");
        GitCli.Result empty = git.run(tmp, "clone", url("basic"), first.toString()).ok();
        assertThat(empty.err()).contains("empty repository");

        Files.writeString(first.resolve("hello name with spaces ü.txt"), "hello\n");
        git.run(first, "add", ".").ok();
        git.run(first, "commit", "-q", "-m", "first").ok();
        git.run(first, "push", url("basic", owner), "HEAD:main").ok();

        Path second = tmp.resolve("second");
        git.run(tmp, "clone", "-q", server.baseUrl() + "/" + owner.login() + "/basic", second.toString()).ok();
        assertThat(second.resolve("hello name with spaces ü.txt")).hasContent("hello");
        String head = git.run(first, "rev-parse", "HEAD").ok().outTrim();
        assertThat(git.run(second, "rev-parse", "HEAD").ok().outTrim()).isEqualTo(head);

        Files.writeString(first.resolve("more.txt"), "more\n");
        git.run(first, "add", ".").ok();
        git.run(first, "commit", "-q", "-m", "second").ok();
        git.run(first, "push", "-q", url("basic", owner), "HEAD:main").ok();
        git.run(second, "fetch", "-q", "origin").ok();
        assertThat(git.run(second, "rev-parse", "origin/main").ok().outTrim())
                .isEqualTo(git.run(first, "rev-parse", "HEAD").ok().outTrim());

        String lsRemote = git.run(tmp, "ls-remote", url("basic")).ok().out();
        assertThat(lsRemote).contains(git.run(first, "rev-parse", "HEAD").ok().outTrim() + "\trefs/heads/main");

        Response meta = server.api().get("/api/v3/repos/" + owner.login() + "/basic", null);
        assertThat(meta.json().get("pushed_at").isNull()).isFalse();
    }

    @Test
    void shallowCloneOverProtocolV2() throws IOException {
        server.newRepo(owner, "shallow", false);
        seeded("shallow", "one", "two", "three");
        Path clone = tmp.resolve("clone");
        GitCli.Result r = git.run(tmp, Map.of("GIT_TRACE_PACKET", "1"), "-c", "protocol.version=2", "clone", "--depth", "1",
                url("shallow"), clone.toString()).ok();
        assertThat(r.err()).contains("git< version 2").containsPattern("git< fetch=.*shallow");
        assertThat(git.run(clone, "rev-parse", "--is-shallow-repository").ok().outTrim()).isEqualTo("true");
        assertThat(git.run(clone, "rev-list", "--count", "HEAD").ok().outTrim()).isEqualTo("1");
        assertThat(clone.resolve("file.txt")).hasContent("three");
    }

    @Test
    void protocolV0StillWorks() throws IOException {
        server.newRepo(owner, "v0", false);
        seeded("v0", "a", "b");
        Path clone = tmp.resolve("clone");
        git.run(tmp, "-c", "protocol.version=0", "clone", "-q", url("v0"), clone.toString()).ok();
        assertThat(git.run(clone, "rev-list", "--count", "HEAD").ok().outTrim()).isEqualTo("2");
    }

    @Test
    void partialCloneFetchesBlobsOnDemand() throws IOException {
        server.newRepo(owner, "partial", false);
        seeded("partial", "old content", "new content");
        Path clone = tmp.resolve("clone");
        git.run(tmp, "clone", "-q", "--filter=blob:none", url("partial"), clone.toString()).ok();
        assertThat(clone.resolve("file.txt")).hasContent("new content");
        assertThat(git.run(clone, "config", "remote.origin.promisor").ok().outTrim()).isEqualTo("true");
        String missing = git.run(clone, "rev-list", "--objects", "--all", "--missing=print").ok().out();
        assertThat(missing).containsPattern("(?m)^\\?[0-9a-f]{40}");
        git.run(clone, "checkout", "-q", "HEAD~1").ok();
        assertThat(clone.resolve("file.txt")).hasContent("old content");
    }

    @Test
    void privateRepositoriesFollowTheAccessLevels() throws IOException {
        server.newRepo(owner, "private", true);
        seeded("private", "secret");
        String base = "/api/v3/repos/" + owner.login() + "/private/collaborators/";
        assertThat(server.api().put(base + reader.login(), owner.bearer(), "{\"permission\":\"read\"}").status()).isEqualTo(201);
        assertThat(server.api().put(base + writer.login(), owner.bearer(), "{\"permission\":\"write\"}").status()).isEqualTo(201);

        GitCli.Result anonymous = git.run(tmp, "clone", url("private"), tmp.resolve("a").toString());
        GitCli.Result anonymousMissing = git.run(tmp, "clone", url("no-such-repo"), tmp.resolve("b").toString());
        assertThat(anonymous.exit()).isNotZero();
        assertThat(anonymous.err()).contains("could not read Username");
        assertThat(anonymousMissing.err().lines().skip(1).toList()).isEqualTo(anonymous.err().lines().skip(1).toList());

        GitCli.Result strangerClone = git.run(tmp, "clone", url("private", stranger), tmp.resolve("c").toString());
        assertThat(strangerClone.exit()).isNotZero();
        assertThat(strangerClone.err()).contains("not found");

        Path readerClone = tmp.resolve("reader");
        git.run(tmp, "clone", "-q", url("private", reader), readerClone.toString()).ok();
        assertThat(readerClone.resolve("file.txt")).hasContent("secret");
        Files.writeString(readerClone.resolve("file.txt"), "changed by reader");
        git.run(readerClone, "commit", "-q", "-am", "reader change").ok();
        GitCli.Result readerPush = git.run(readerClone, "push", url("private", reader), "HEAD:main");
        assertThat(readerPush.exit()).isNotZero();
        assertThat(readerPush.err()).contains("403").contains("Permission to " + owner.login() + "/private denied");

        Path writerClone = tmp.resolve("writer");
        git.run(tmp, "clone", "-q", url("private", writer), writerClone.toString()).ok();
        Files.writeString(writerClone.resolve("file.txt"), "changed by writer");
        git.run(writerClone, "commit", "-q", "-am", "writer change").ok();
        git.run(writerClone, "push", "-q", url("private", writer), "HEAD:main").ok();
        assertThat(git.run(tmp, "ls-remote", url("private", owner), "refs/heads/main").ok().out())
                .startsWith(git.run(writerClone, "rev-parse", "HEAD").ok().outTrim());
    }

    @Test
    void wrongPasswordsAreAuthenticationFailures() {
        server.newRepo(owner, "guarded", true);
        String bad = server.baseUrl().replace("http://", "http://" + owner.login() + ":wrong@") + "/" + owner.login() + "/guarded.git";
        GitCli.Result r = git.run(tmp, "ls-remote", bad);
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("Authentication failed");
    }

    @Test
    void refusedRefUpdatesShowTheReasonAndChangeNothing() throws IOException {
        server.newRepo(owner, "rules", false);
        Path work = seeded("rules", "content");
        String before = git.run(tmp, "ls-remote", url("rules")).ok().out();

        GitCli.Result deleteDefault = git.run(work, "push", url("rules", owner), ":main");
        assertThat(deleteDefault.exit()).isNotZero();
        assertThat(deleteDefault.err()).contains("[remote rejected] main (the default branch cannot be deleted");

        GitCli.Result oddRef = git.run(work, "push", url("rules", owner), "HEAD:refs/pull/1/head");
        assertThat(oddRef.exit()).isNotZero();
        assertThat(oddRef.err()).contains("[remote rejected]").contains("only branches, tags and notes may be pushed");

        assertThat(git.run(tmp, "ls-remote", url("rules")).ok().out()).isEqualTo(before);
    }

    @Test
    void dangerousTreesAreRefused() throws IOException {
        server.newRepo(owner, "evil", false);
        Path work = seeded("evil", "fine");
        String before = git.run(tmp, "ls-remote", url("evil")).ok().out();
        String blob = git.run(work, "rev-parse", "HEAD:file.txt").ok().outTrim();
        for (String name : new String[] {".GIT", ".git", "..", "git~1"}) {
            Path input = tmp.resolve("tree-" + name.replace('~', '_').replace('.', 'd'));
            String treeSha = git.run(work, "hash-object", "-t", "tree", "-w", "--literally", writeTree(input, blob, name).toString())
                    .ok().outTrim();
            String commit = git.run(work, "commit-tree", treeSha, "-p", "HEAD", "-m", "evil " + name).ok().outTrim();
            GitCli.Result push = git.run(work, "push", url("evil", owner), commit + ":refs/heads/main");
            assertThat(push.exit()).as(name + ": " + push.err()).isNotZero();
            assertThat(push.err()).as(name).containsAnyOf("remote unpack failed", "rejected");
        }
        assertThat(git.run(tmp, "ls-remote", url("evil")).ok().out()).isEqualTo(before);
    }

    /** Writes a raw tree object body with one entry, bypassing git's own name checks. */
    private static Path writeTree(Path file, String blobHex, String name) throws IOException {
        byte[] prefix = ("100644 " + name + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] sha = java.util.HexFormat.of().parseHex(blobHex);
        byte[] body = new byte[prefix.length + sha.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        System.arraycopy(sha, 0, body, prefix.length, sha.length);
        Files.write(file, body);
        return file;
    }

    @Test
    void oversizedObjectsAreRefused() throws IOException {
        server.newRepo(owner, "big", false);
        Path work = seeded("big", "small");
        String before = git.run(tmp, "ls-remote", url("big")).ok().out();
        byte[] noise = new byte[(int) (2 * MAX_OBJECT)];
        new Random(42).nextBytes(noise);
        Files.write(work.resolve("noise.bin"), noise);
        git.run(work, "add", "noise.bin").ok();
        git.run(work, "commit", "-q", "-m", "too big").ok();
        GitCli.Result push = git.run(work, "push", url("big", owner), "HEAD:main");
        assertThat(push.exit()).isNotZero();
        assertThat(push.err()).contains("remote unpack failed");
        assertThat(git.run(tmp, "ls-remote", url("big")).ok().out()).isEqualTo(before);
    }

    @Test
    void pushesLeaveOnePackWithABitmap() throws Exception {
        long id = server.newRepo(owner, "packed", false).json().get("id").asLong();
        seeded("packed", "1", "2", "3");
        server.hearth().maintenance().awaitIdle(60, TimeUnit.SECONDS);
        Path packDir = new RepoStore(server.dataDir().resolve("repos")).pathOf(id).resolve("objects/pack");
        try (Stream<Path> files = Files.list(packDir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".bitmap")).count()).isEqualTo(1);
        }
        Path clone = tmp.resolve("clone");
        git.run(tmp, "clone", "-q", url("packed"), clone.toString()).ok();
        assertThat(git.run(clone, "rev-list", "--count", "HEAD").ok().outTrim()).isEqualTo("3");
    }

    @Test
    void pushesWriteACommitGraphWithChangedPathFilters() throws Exception {
        long id = server.newRepo(owner, "graphed", false).json().get("id").asLong();
        Path work = seeded("graphed", "1", "2");
        server.hearth().maintenance().awaitIdle(60, TimeUnit.SECONDS);
        Path graph = new RepoStore(server.dataDir().resolve("repos")).pathOf(id).resolve("objects/info/commit-graph");
        assertThat(graphCommits(graph)).isEqualTo(2);

        Files.writeString(work.resolve("file.txt"), "3");
        git.run(work, "commit", "-q", "-am", "commit 3").ok();
        git.run(work, "push", "-q", url("graphed", owner), "main").ok();
        server.hearth().maintenance().awaitIdle(60, TimeUnit.SECONDS);
        assertThat(graphCommits(graph)).isEqualTo(3);
        try (Stream<Path> files = Files.list(graph.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left").containsOnly("commit-graph");
        }
        // Then the root folder's last commits at the new head, kept on disk for the repository page.
        String head = git.run(work, "rev-parse", "HEAD").ok().outTrim();
        try (Stream<Path> files = Files.walk(graph.getParent().getParent().getParent().resolve("hearth/last-commits"))) {
            assertThat(files.map(p -> p.getFileName().toString())).contains(head);
        }
    }

    /** Commits in a commit-graph file, which must parse and carry a Bloom filter for each. */
    private static long graphCommits(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            var graph = org.eclipse.jgit.internal.storage.commitgraph.CommitGraphLoader.read(in, true);
            for (int i = 0; i < graph.getCommitCnt(); i++) assertThat(graph.getChangedPathFilter(i)).isNotNull();
            return graph.getCommitCnt();
        }
    }

    @Test
    void dumbHttpIsRefusedWithAHint() {
        server.newRepo(owner, "dumb", false);
        Response r = server.api().get("/" + owner.login() + "/dumb.git/info/refs", null);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("smart HTTP");
    }
}
