package dev.hearth.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.ApiClient;
import dev.hearth.testing.GitCli;
import dev.hearth.testing.Response;
import dev.hearth.testing.SshCli;
import dev.hearth.testing.TestHearth;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What C git's fsck refuses, Hearth refuses, on every way in (pushes over HTTP and SSH with the
 * real git CLI, commits through the contents API), and what it accepts is served: objects crafted
 * with {@code git hash-object --literally}, and every refused push leaves the refs and the
 * repository's pack files as they were.
 */
class ObjectChecksTest {
    static TestHearth server;
    static ApiClient api;
    static TestHearth.User owner;

    @TempDir
    Path tmp;
    GitCli git;

    @BeforeAll
    static void start() {
        server = TestHearth.sqlite();
        api = server.api();
        owner = server.newUser("fsck");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void cli() throws IOException {
        git = new GitCli(Files.createDirectories(tmp.resolve("home")));
    }

    private static String url(String repo) {
        return server.baseUrl().replace("http://", "http://" + owner.login() + ":" + owner.token() + "@")
                + "/" + owner.login() + "/" + repo + ".git";
    }

    /** A working copy with one pushed commit on main. */
    private Path seeded(String repo) throws IOException {
        server.newRepo(owner, repo, false);
        Path work = tmp.resolve("work-" + repo);
        git.run(tmp, "init", "-q", "-b", "main", work.toString()).ok();
        Files.writeString(work.resolve("file.txt"), "fine\n");
        git.run(work, "add", ".").ok();
        git.run(work, "commit", "-q", "-m", "fine").ok();
        git.run(work, "push", "-q", url(repo), "main").ok();
        return work;
    }

    /** Writes a raw object of {@code type}, unchecked by git. */
    private String literally(Path work, String type, byte[] raw) throws IOException {
        Path file = Files.createTempFile(tmp, type, ".bin");
        Files.write(file, raw);
        return git.run(work, "hash-object", "-t", type, "-w", "--literally", file.toString()).ok().outTrim();
    }

    private String commitText(Path work, String author, String extraHeader) throws IOException {
        String tree = git.run(work, "rev-parse", "HEAD^{tree}").ok().outTrim();
        String parent = git.run(work, "rev-parse", "HEAD").ok().outTrim();
        return "tree " + tree + "\nparent " + parent + "\nauthor " + author + "\ncommitter C O Mitter <c@example.com> 1700000000 +0000\n"
                + extraHeader + "\ncrafted\n";
    }

    private String commit(Path work, String author) throws IOException {
        return literally(work, "commit", commitText(work, author, "").getBytes(StandardCharsets.UTF_8));
    }

    /** A commit on HEAD with {@code name} holding {@code content}, made by git itself (which does not check it). */
    private String commitFile(Path work, String name, String content) throws IOException {
        Files.writeString(work.resolve(name), content);
        git.run(work, "add", name).ok();
        git.run(work, "commit", "-q", "-m", "add " + name).ok();
        String id = git.run(work, "rev-parse", "HEAD").ok().outTrim();
        git.run(work, "reset", "-q", "--hard", "HEAD~1").ok();
        return id;
    }

    private void assertRefused(Path work, String repo, String commit, String why) {
        String before = git.run(tmp, "ls-remote", url(repo)).ok().out();
        GitCli.Result push = git.run(work, "push", url(repo), commit + ":refs/heads/main");
        assertThat(push.exit()).as(why + ": " + push.err()).isNotZero();
        assertThat(push.err()).as(why).contains("remote unpack failed").contains(why);
        assertThat(push.err()).as(why).doesNotContain("Exception").doesNotContain("java.");
        assertThat(git.run(tmp, "ls-remote", url(repo)).ok().out()).as(why).isEqualTo(before);
    }

    @Test
    void pushesOfObjectsCGitsFsckRefusesAreRefused() throws IOException {
        Path work = seeded("refused");
        assertRefused(work, "refused", commit(work, "A U Thor <a@example.com> 1700000000 +99999"), "badTimezone");
        assertRefused(work, "refused", commit(work, "A U Thor <a@example.com> 1700000000 0100"), "badTimezone");
        assertRefused(work, "refused", commit(work, "A U Thor <a@example.com> -1700000000 +0000"), "badDate");
        assertRefused(work, "refused", commit(work, "A U Thor <a@example.com> 01700000000 +0000"), "zeroPaddedDate");
        assertRefused(work, "refused", commit(work, "A U Thor<a@example.com> 1700000000 +0000"), "missingSpaceBeforeEmail");
        assertRefused(work, "refused", literally(work, "commit",
                commitText(work, "A U Thor <a@example.com> 1700000000 +0000", "encoding x\0y\n").getBytes(StandardCharsets.UTF_8)),
                "nulInHeader");
        assertRefused(work, "refused", commitFile(work, ".gitmodules",
                "[submodule \"x\"]\n\tpath = x\n\turl = ./%0ahost=evil.example.com\n"), "gitmodulesUrl");
        assertRefused(work, "refused", commitFile(work, ".gitmodules",
                "[submodule \"x\"]\n\tpath = x\n\turl = https://example.com/%0a/x.git\n"), "gitmodulesUrl");
        assertRefused(work, "refused", commitFile(work, ".gitmodules",
                "[submodule \"x\"]\n\tpath = x\n\turl = --upload-pack=touch /tmp/pwned\n"), "gitmodulesUrl");
        assertRefused(work, "refused", commitFile(work, ".gitmodules",
                "[submodule \"x\"]\n\tpath = x\n\turl = https://example.com/x.git\n\tupdate = !rm -rf ~\n"), "gitmodulesUpdate");
        assertRefused(work, "refused", commitFile(work, ".gitmodules",
                "[submodule \"../../modules/x\"]\n\tpath = x\n\turl = https://example.com/x.git\n"), "gitmodulesName");
        assertRefused(work, "refused", commitFile(work, ".gitattributes", "*.txt " + "x".repeat(100_000) + "\n"),
                "gitattributesLineLength");
    }

    @Test
    void aPushOverSshIsCheckedTheSame() throws Exception {
        Path work = seeded("ssh-refused");
        Path keys = Files.createDirectories(tmp.resolve("keys"));
        SshCli ssh = new SshCli(keys);
        SshCli.Key key = ssh.newKey("ed25519", 0);
        Response r = api.post("/api/v3/user/keys", owner.basic(), "{\"title\":\"t\",\"key\":\"" + key.publicText() + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        Map<String, String> env = Map.of("GIT_SSH_COMMAND", ssh.gitSshCommand(key, server.sshPort()));
        String before = git.run(tmp, "ls-remote", url("ssh-refused")).ok().out();
        String bad = commit(work, "A U Thor <a@example.com> 1700000000 +99999");
        GitCli.Result push = git.run(work, env, "push", server.sshUrl(owner.login(), "ssh-refused"), bad + ":refs/heads/main");
        assertThat(push.exit()).as(push.err()).isNotZero();
        assertThat(push.err()).contains("remote unpack failed").contains("badTimezone").doesNotContain("Exception");
        // A tag that lies about its type: git's own client will not pack it, so the pack is made by hand.
        String tag = literally(work, "tag", ("object " + git.run(work, "rev-parse", "HEAD:file.txt").ok().outTrim()
                + "\ntype commit\ntag v1\ntagger T <t@example.com> 1700000000 +0000\n\nlies\n").getBytes(StandardCharsets.UTF_8));
        Path request = Files.write(tmp.resolve("request.bin"), receiveRequest(ZERO, tag, "refs/tags/v1", pack(work, List.of(tag))));
        List<String> command = new java.util.ArrayList<>(List.of("ssh"));
        command.addAll(ssh.options(key, server.sshPort()));
        command.addAll(List.of("git@127.0.0.1", "git-receive-pack '/" + owner.login() + "/ssh-refused.git'"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(request.toFile())
                .redirectOutput(tmp.resolve("ssh.out").toFile()).redirectError(tmp.resolve("ssh.err").toFile());
        pb.environment().put("HOME", keys.toString());
        pb.environment().remove("SSH_AUTH_SOCK");
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String said = Files.readString(tmp.resolve("ssh.out"), StandardCharsets.ISO_8859_1)
                + Files.readString(tmp.resolve("ssh.err"), StandardCharsets.ISO_8859_1);
        assertThat(said).contains("unpack error").contains("is a blob, not a commit")
                .doesNotContain("Exception").doesNotContain("java.");
        assertThat(git.run(tmp, "ls-remote", url("ssh-refused")).ok().out()).isEqualTo(before);
    }

    @Test
    void aTagThatLiesAboutItsTypeIsRefusedWithoutInternalText() throws IOException {
        Path work = seeded("tags");
        String blob = git.run(work, "rev-parse", "HEAD:file.txt").ok().outTrim();
        String tree = git.run(work, "rev-parse", "HEAD^{tree}").ok().outTrim();
        for (String[] lie : new String[][] {{blob, "commit", "is a blob, not a commit"}, {tree, "commit", "is a tree, not a commit"},
                {git.run(work, "rev-parse", "HEAD").ok().outTrim(), "tree", "is a commit, not a tree"}}) {
            String tag = literally(work, "tag", ("object " + lie[0] + "\ntype " + lie[1]
                    + "\ntag v1\ntagger T <t@example.com> 1700000000 +0000\n\nlies\n").getBytes(StandardCharsets.UTF_8));
            // git's own client will not pack a tag that lies about its type: the pack is made by hand.
            Response r = rawPush("tags", receiveRequest(ZERO, tag, "refs/tags/v1", pack(work, List.of(tag))));
            assertThat(r.body()).contains("unpack error").contains(lie[2]).doesNotContain("Exception").doesNotContain("java.");
        }
        assertThat(git.run(tmp, "ls-remote", url("tags"), "refs/tags/*").ok().out()).isEmpty();
        String badType = literally(work, "tag", ("object " + blob + "\ntype bolb\ntag v2\ntagger T <t@example.com> 1700000000 +0000\n\nx\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(rawPush("tags", receiveRequest(ZERO, badType, "refs/tags/v2", pack(work, List.of(badType)))).body())
                .contains("badType");
        // The tag names the tree of a commit pushed with it as a commit: JGit's connectivity walk
        // meets one id as two types (a ClassCastException inside JGit).
        Files.writeString(work.resolve("new.txt"), "new\n");
        git.run(work, "add", "new.txt").ok();
        git.run(work, "commit", "-q", "-m", "new").ok();
        String commit = git.run(work, "rev-parse", "HEAD").ok().outTrim();
        String newTree = git.run(work, "rev-parse", "HEAD^{tree}").ok().outTrim();
        String base = git.run(work, "rev-parse", "HEAD~1").ok().outTrim();
        String treeTag = literally(work, "tag", ("object " + newTree + "\ntype commit\ntag v4\ntagger T <t@example.com> 1700000000 +0000\n\nx\n")
                .getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(pkt(base + " " + commit + " refs/heads/main\0report-status\n"));
        both.write(pkt(ZERO + " " + treeTag + " refs/tags/v4\n"));
        both.write("0000".getBytes(StandardCharsets.UTF_8));
        both.write(pack(work, List.of(commit, newTree, git.run(work, "rev-parse", "HEAD:new.txt").ok().outTrim(), treeTag)));
        assertThat(rawPush("tags", both.toByteArray()).body()).contains("unpack error").contains("is a tree, not a commit")
                .doesNotContain("Exception").doesNotContain("java.");
        assertThat(git.run(tmp, "ls-remote", url("tags"), "refs/heads/main").ok().out()).startsWith(base);
        // A true tag is taken.
        git.run(work, "tag", "-a", "-m", "true", "v3").ok();
        git.run(work, "push", "-q", url("tags"), "v3").ok();
        mirrorPassesFsck("tags");
    }

    private static String contents(String repo, String path) {
        return "/api/v3/repos/" + owner.login() + "/" + repo + "/contents/" + path;
    }

    private static String file(String text) {
        return "{\"message\":\"m\",\"content\":\"" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "\"}";
    }

    @Test
    void theContentsApiRefusesWhatAPushWould() {
        server.newRepo(owner, "api-fsck", false);
        Map<String, String> bad = Map.of(
                "[submodule \"x\"]\n\tpath = x\n\turl = --upload-pack=touch /tmp/pwned\n", "gitmodulesUrl",
                "[submodule \"x\"]\n\tpath = x\n\turl = -u./payload\n", "gitmodulesUrl",
                "[submodule \"x\"]\n\tpath = x\n\turl = ./%0ahost=evil\n", "gitmodulesUrl",
                "[submodule \"../../modules/x\"]\n\tpath = x\n\turl = https://example.com/x.git\n", "gitmodulesName",
                "[submodule \"x\"]\n\tpath = x\n\turl = https://example.com/x.git\n\tupdate = !sh\n", "gitmodulesUpdate",
                "[submodule \"x\"]\n\tpath = -x\n\turl = https://example.com/x.git\n", "gitmodulesPath");
        bad.forEach((content, id) -> {
            Response r = api.put(contents("api-fsck", ".gitmodules"), owner.bearer(), file(content));
            assertThat(r.status()).as(content + ": " + r.body()).isEqualTo(422);
            assertThat(r.body()).contains(id);
        });
        Response nested = api.put(contents("api-fsck", "vendor/.gitmodules"), owner.bearer(),
                file("[submodule \"x\"]\n\turl = -u./payload\n"));
        assertThat(nested.status()).as(nested.body()).isEqualTo(422);
        Response attributes = api.put(contents("api-fsck", "docs/.gitattributes"), owner.bearer(), file("* " + "y".repeat(3000)));
        assertThat(attributes.status()).as(attributes.body()).isEqualTo(422);
        assertThat(attributes.body()).contains("gitattributesLineLength");
        Response fine = api.put(contents("api-fsck", ".gitmodules"), owner.bearer(),
                file("[submodule \"lib\"]\n\tpath = lib\n\turl = https://example.com/lib.git\n\tupdate = rebase\n"));
        assertThat(fine.status()).as(fine.body()).isEqualTo(201);
    }

    @Test
    void aDateJavaCannotRepresentIsRefusedAndTheLatestAcceptedOneIsServed() throws IOException {
        Path work = seeded("dates");
        String past = commit(work, "A U Thor <a@example.com> 31556889864403200 +0000");
        assertRefused(work, "dates", past, "badDateOverflow");
        assertThat(git.run(work, "push", url("dates"), commit(work, "A U Thor <a@example.com> 253402300800 +0000")
                + ":refs/heads/main").err()).contains("badDateOverflow").contains("9999-12-31");
        // The latest date accepted, with the most extreme time zones C git takes: served everywhere.
        String latest = literally(work, "commit", commitText(work, "A U Thor <a@example.com> 253402300799 +9959", "")
                .replace("1700000000 +0000", "253402300799 -9959").getBytes(StandardCharsets.UTF_8));
        GitCli.Result push = git.run(work, "push", url("dates"), latest + ":refs/heads/main");
        assertThat(push.exit()).as(push.err()).isZero();
        String o = owner.login();
        for (String page : List.of("/" + o + "/dates", "/" + o + "/dates/tree/main", "/" + o + "/dates/commits/main",
                "/api/v3/repos/" + o + "/dates/commits", "/api/v3/repos/" + o + "/dates/branches",
                "/api/v3/repos/" + o + "/dates/commits/main", "/api/v3/repos/" + o + "/dates/tarball/main")) {
            Response r = api.get(page, null);
            assertThat(r.status()).as(page + ": " + r.body()).isLessThan(400);
        }
        mirrorPassesFsck("dates");
    }

    /** Everything Hearth accepted in a repository, C git's strictest fsck accepts too. */
    private void mirrorPassesFsck(String repo) {
        Path mirror = tmp.resolve("mirror-" + repo + ".git");
        git.run(tmp, "clone", "-q", "--mirror", url(repo), mirror.toString()).ok();
        GitCli.Result fsck = git.run(mirror, "fsck", "--full", "--strict");
        assertThat(fsck.exit()).as(fsck.out() + fsck.err()).isZero();
    }

    @Test
    void acceptedSpecialFilesPassCGitsStrictFsck() throws IOException {
        Path work = seeded("accepted");
        Files.writeString(work.resolve(".gitmodules"),
                "[submodule \"lib\"]\n\tpath = lib\n\turl = ../lib.git\n\tupdate = merge\n");
        Files.writeString(work.resolve(".gitattributes"), "*.bin binary\n" + "# " + "z".repeat(2000) + "\n");
        git.run(work, "add", ".").ok();
        git.run(work, "commit", "-q", "-m", "special files").ok();
        git.run(work, "tag", "-a", "-m", "release", "v1").ok();
        git.run(work, "push", "-q", url("accepted"), "main", "v1").ok();
        mirrorPassesFsck("accepted");
    }

    @Test
    void branchesAndTagsNamedLikeObjectIdsAreRefused() throws IOException {
        Path work = seeded("hexnames");
        String head = git.run(work, "rev-parse", "HEAD").ok().outTrim();
        for (String ref : List.of("refs/heads/" + head, "refs/tags/" + "ABCDEF0123456789abcdef0123456789abcdef01")) {
            GitCli.Result push = git.run(work, "push", url("hexnames"), "HEAD:" + ref);
            assertThat(push.exit()).as(push.err()).isNotZero();
            assertThat(push.err()).contains("40 hexadecimal digits");
        }
        // 39 or 41 characters, or not hex: fine.
        git.run(work, "push", "-q", url("hexnames"), "HEAD:refs/heads/" + head.substring(1), "HEAD:refs/heads/" + head + "0",
                "HEAD:refs/heads/" + "g" + head.substring(1)).ok();
        assertThat(git.run(tmp, "ls-remote", url("hexnames"), head).ok().out()).isEmpty();
    }

    // ---- packs of refused pushes -----------------------------------------------------------

    private static Path repoDir(String repo) throws IOException {
        long id = api.get("/api/v3/repos/" + owner.login() + "/" + repo, owner.bearer()).json().get("id").asLong();
        try (Stream<Path> s = Files.walk(server.dataDir().resolve("repos"))) {
            return s.filter(p -> p.getFileName().toString().equals(id + ".git")).findFirst().orElseThrow();
        }
    }

    /** Bytes under the repository's objects folder; a file that goes while counting (a repack) counts 0. */
    private static long packBytes(String repo) throws IOException {
        Path objects = repoDir(repo).resolve("objects");
        for (int attempt = 0; ; attempt++) {
            try (Stream<Path> s = Files.walk(objects)) {
                return s.mapToLong(p -> p.toFile().isFile() ? p.toFile().length() : 0).sum();
            } catch (java.io.UncheckedIOException e) {
                if (attempt >= 10) throw e; // a folder vanished mid-walk: count again
            }
        }
    }

    static final String ZERO = "0".repeat(40);

    /** A receive-pack request as git sends it: one command, then the pack. */
    private static byte[] receiveRequest(String oldId, String newId, String ref, byte[] pack) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(pkt(oldId + " " + newId + " " + ref + "\0report-status\n"));
        body.write("0000".getBytes(StandardCharsets.UTF_8));
        body.write(pack);
        return body.toByteArray();
    }

    private static Response rawPush(String repo, byte[] request) {
        Response r = api.sendBytes("POST", "/" + owner.login() + "/" + repo + ".git/git-receive-pack", owner.basic(),
                request, Map.of("Content-Type", "application/x-git-receive-pack-request"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    private static byte[] pkt(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return (String.format("%04x", b.length + 4) + line).getBytes(StandardCharsets.UTF_8);
    }

    /** A pack of exactly {@code objects}, as git writes it. */
    private byte[] pack(Path work, List<String> objects) throws IOException {
        Path list = Files.writeString(tmp.resolve("objects.txt"), String.join("\n", objects) + "\n");
        Path out = tmp.resolve("pack.bin");
        Process p = new ProcessBuilder("git", "pack-objects", "--stdout", "-q").directory(work.toFile())
                .redirectInput(list.toFile()).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        assertThat(p.exitValue()).isZero();
        return Files.readAllBytes(out);
    }

    @Test
    void packsOfPushesRefusedForMissingObjectsAreDropped() throws Exception {
        Path work = seeded("quarantine");
        String base = git.run(work, "rev-parse", "HEAD").ok().outTrim();
        long before = packBytes("quarantine");
        List<String> refused = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] noise = new byte[3 << 20];
            new Random(i).nextBytes(noise);
            Files.write(work.resolve("big.bin"), noise);
            Files.writeString(work.resolve("missing.txt"), "never sent " + i + "\n");
            git.run(work, "add", ".").ok();
            git.run(work, "commit", "-q", "-m", "big " + i).ok();
            String commit = git.run(work, "rev-parse", "HEAD").ok().outTrim();
            refused.add(commit);
            // The commit, its tree and the big file; not missing.txt.
            byte[] pack = pack(work, List.of(commit, git.run(work, "rev-parse", "HEAD^{tree}").ok().outTrim(),
                    git.run(work, "rev-parse", "HEAD:big.bin").ok().outTrim()));
            git.run(work, "reset", "-q", "--hard", base).ok();
            Response r = rawPush("quarantine", receiveRequest(base, commit, "refs/heads/main", pack));
            assertThat(r.body()).contains("unpack error").contains("ng refs/heads/main").doesNotContain("Exception");
        }
        assertThat(git.run(tmp, "ls-remote", url("quarantine"), "refs/heads/main").ok().out()).startsWith(base);
        // Without the drop, each refused push leaves its 3 MB pack behind. Maintenance may be
        // repacking what was there before (old and new packs side by side for a moment), so the
        // size is polled for a bounded time; the refused pushes' objects must be gone at once.
        try (org.eclipse.jgit.lib.Repository db = new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
                .setGitDir(repoDir("quarantine").toFile()).setMustExist(true).build()) {
            for (String commit : refused) assertThat(db.getObjectDatabase().has(org.eclipse.jgit.lib.ObjectId.fromString(commit)))
                    .as(commit).isFalse();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long after = packBytes("quarantine");
        while (after >= before + (256 << 10) && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            after = packBytes("quarantine");
        }
        assertThat(after).isLessThan(before + (256 << 10));
        // The repository still takes a good push.
        Files.writeString(work.resolve("after.txt"), "after\n");
        git.run(work, "add", "after.txt").ok();
        git.run(work, "commit", "-q", "-m", "after").ok();
        git.run(work, "push", "-q", url("quarantine"), "main").ok();
        mirrorPassesFsck("quarantine");
    }
}
