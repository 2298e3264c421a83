package dev.hearth.browse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.repos.RepoStore;
import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The attack of issue 12 against a running server: repositories holding a 20,000-deep path and a
 * folder of 200,000 entries (written straight into their bare directories, as no push would be
 * let through with them), then every read of them. Each answers within its budget, never a 500
 * or an exhausted heap, and the server answers a light request afterwards.
 */
class HostileTreesTest {
    static final int DEEP = 20_000;
    static final int WIDE = 200_000;
    /** A folder of {@value #DEEP_WIDE} files at the bottom of a path {@value #DEEP_WIDE_DEPTH} deep, within git's depth limit. */
    static final int DEEP_WIDE = 100_000;
    static final int DEEP_WIDE_DEPTH = 4_000;

    static TestHearth server;
    static TestHearth.User owner;

    @BeforeAll
    static void start() throws IOException {
        server = TestHearth.sqlite();
        owner = server.newUser("hostile");
        long deep = server.newRepo(owner, "deep", false).json().get("id").asLong();
        long wide = server.newRepo(owner, "wide", false).json().get("id").asLong();
        RepoStore store = new RepoStore(server.dataDir().resolve("repos"));
        write(store, deep, HostileTreesTest::deepTree);
        write(store, wide, HostileTreesTest::wideTree);
        long deepWide = server.newRepo(owner, "deepwide", false).json().get("id").asLong();
        write(store, deepWide, in -> {
            ObjectId tree = wideTree(in, DEEP_WIDE);
            for (int i = 0; i < DEEP_WIDE_DEPTH; i++) {
                TreeFormatter t = new TreeFormatter();
                t.append("d", FileMode.TREE, tree);
                tree = in.insert(t);
            }
            return tree;
        });
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    interface TreeMaker {
        ObjectId make(ObjectInserter in) throws IOException;
    }

    /** Writes one commit whose tree {@code maker} builds, as {@code main}, in one pack. */
    static void write(RepoStore store, long id, TreeMaker maker) throws IOException {
        try (Repository git = store.open(id);
             PackInserter in = ((FileRepository) git).getObjectDatabase().newPackInserter()) {
            ObjectId tree = maker.make(in);
            CommitBuilder commit = new CommitBuilder();
            PersonIdent who = new PersonIdent("Mallory", "mallory@example.com");
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setTreeId(tree);
            commit.setMessage("hostile\n");
            ObjectId c = in.insert(commit);
            in.flush();
            RefUpdate update = git.updateRef(Constants.R_HEADS + "main");
            update.setNewObjectId(c);
            update.setForceUpdate(true);
            assertThat(update.update()).isIn(RefUpdate.Result.NEW, RefUpdate.Result.FORCED);
        }
    }

    /** {@code d/d/d/…/f}, {@value #DEEP} folders deep, built bottom-up. */
    static ObjectId deepTree(ObjectInserter in) throws IOException {
        ObjectId blob = in.insert(Constants.OBJ_BLOB, "deep\n".getBytes(StandardCharsets.UTF_8));
        TreeFormatter leaf = new TreeFormatter();
        leaf.append("f", FileMode.REGULAR_FILE, blob);
        ObjectId tree = in.insert(leaf);
        for (int i = 0; i < DEEP; i++) {
            TreeFormatter t = new TreeFormatter();
            t.append("d", FileMode.TREE, tree);
            tree = in.insert(t);
        }
        return tree;
    }

    /** One folder of {@value #WIDE} files, all the same blob. */
    static ObjectId wideTree(ObjectInserter in) throws IOException {
        return wideTree(in, WIDE);
    }

    static ObjectId wideTree(ObjectInserter in, int files) throws IOException {
        ObjectId blob = in.insert(Constants.OBJ_BLOB, "wide\n".getBytes(StandardCharsets.UTF_8));
        TreeFormatter t = new TreeFormatter(files * 32);
        for (int i = 0; i < files; i++) t.append(String.format("f%06d", i), FileMode.REGULAR_FILE, blob);
        return in.insert(t);
    }

    static String api(String repo, String suffix) {
        return "/api/v3/repos/" + owner.login() + "/" + repo + suffix;
    }

    /** The server still answers a light request after the heavy one. */
    static void stillAnswers() {
        Response light = server.api().get(api("deep", ""), null);
        assertThat(light.status()).as(light.body()).isEqualTo(200);
    }

    @Test
    void aRecursiveTreeOfADeepPathIsTruncatedNotAnExhaustedHeap() {
        for (int i = 0; i < 3; i++) {
            Response r = server.api().get(api("deep", "/git/trees/main?recursive=1"), null);
            assertThat(r.status()).as(r.body().length() > 500 ? r.body().substring(0, 500) : r.body()).isEqualTo(200);
            assertThat(r.body().length()).isLessThanOrEqualTo(Trees.MAX_BYTES + 4096);
            JsonNode json = r.json();
            assertThat(json.get("truncated").asBoolean()).isTrue();
            assertThat(json.get("tree").size()).isBetween(1, Trees.MAX_DEPTH + 1);
        }
        stillAnswers();
    }

    @Test
    void aRecursiveTreeOfAWideFolderStopsAtGitHubsLimit() {
        Response r = server.api().get(api("wide", "/git/trees/main?recursive=1"), null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("truncated").asBoolean()).isTrue();
        r = server.api().get(api("deepwide", "/git/trees/main?recursive=1"), null);
        assertThat(r.status()).isEqualTo(200);
        JsonNode json = r.json();
        assertThat(json.get("truncated").asBoolean()).isTrue();
        assertThat(json.get("tree").size()).isLessThanOrEqualTo(Trees.MAX_ENTRIES);
        assertThat(r.body().length()).isLessThanOrEqualTo(Trees.MAX_BYTES + 4096);
        stillAnswers();
    }

    @Test
    void theContentsOfAWideFolderAreItsFirstThousandEntries() {
        Response r = server.api().get(api("wide", "/contents"), null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().size()).isEqualTo(Trees.MAX_DIRECTORY_ENTRIES);
        assertThat(r.json().get(0).get("name").asString()).isEqualTo("f000000");
        stillAnswers();
    }

    @Test
    void theTreePageOfAWideFolderShowsTheFirstEntriesWithANote() {
        Response r = server.api().send("GET", "/" + owner.login() + "/wide", null, null, Map.of("Accept", "text/html"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("f000999").doesNotContain("f001000")
                .contains("we had to truncate this directory to 1,000 entries")
                .contains("199,000 entries were omitted");
        stillAnswers();
    }

    @Test
    void archivesOfATreeDeeperThanTheLimitAreRefusedBeforeStreaming() {
        for (String kind : new String[] {"/tarball/main", "/zipball/main"}) {
            Response r = server.api().get(api("deep", kind), null);
            assertThat(r.status()).as(kind + " " + r.body()).isEqualTo(422);
            assertThat(r.body()).contains("deeper than " + Trees.MAX_DEPTH);
            assertThat(r.header("Content-Disposition")).isNull();
        }
        stillAnswers();
    }

    @Test
    void theCommitThatAddsTheHostileTreesShowsItsFirstFiles() {
        for (String repo : new String[] {"deep", "wide", "deepwide"}) {
            Response r = server.api().get(api(repo, "/commits/main"), null);
            assertThat(r.status()).as(repo).isEqualTo(200);
            assertThat(r.json().get("files").size()).as(repo).isBetween(0, Diffs.MAX_FILES);
            String sha = r.json().get("sha").asString();
            Response page = server.api().send("GET", "/" + owner.login() + "/" + repo + "/commit/" + sha, null, null,
                    Map.of("Accept", "text/html"));
            assertThat(page.status()).as(repo).isEqualTo(200);
        }
        stillAnswers();
    }

    @Test
    void theTreePageAndContentsOfTheDeepPathAnswer() {
        String twenty = "d/".repeat(20);
        Response contents = server.api().get(api("deep", "/contents/" + twenty), null);
        assertThat(contents.status()).isEqualTo(200);
        Response page = server.api().send("GET", "/" + owner.login() + "/deep/tree/main/" + twenty, null, null,
                Map.of("Accept", "text/html"));
        assertThat(page.status()).isEqualTo(200);
        stillAnswers();
    }
}
