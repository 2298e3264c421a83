package dev.hearth.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.client.ArchiveFormat;
import dev.hearth.client.Branch;
import dev.hearth.client.Commit;
import dev.hearth.client.CommitQuery;
import dev.hearth.client.Content;
import dev.hearth.client.FileCommit;
import dev.hearth.client.FileDelete;
import dev.hearth.client.FileWrite;
import dev.hearth.client.HearthClient;
import dev.hearth.client.NewRepo;
import dev.hearth.client.Problem;
import dev.hearth.client.ProblemException;
import dev.hearth.client.Tree;
import dev.hearth.client.Upload;
import dev.hearth.client.UploadResult;
import dev.hearth.testing.TestHearth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK's writes (contents PUT/DELETE, multipart uploads) and reads (branches, commits,
 * contents, trees, blobs, raw bytes, archives to a file) against the real server. One
 * repository is built up by the first calls and read by the rest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SdkContentTest {
    TestHearth server;
    TestHearth.User ann;
    HearthClient client;
    String owner;
    FileCommit readme;
    FileCommit second;
    UploadResult upload;
    @TempDir
    Path tmp;

    @BeforeAll
    void start() {
        server = TestHearth.sqlite();
        ann = server.newUser("content");
        owner = ann.login();
        client = HearthClient.builder().baseUrl(server.baseUrl()).token(ann.token()).pageSize(2).build();
        client.repos().create(NewRepo.named("site"));
        readme = client.contents().put(owner, "site", "README.md", FileWrite.of("first", "# Site\n"));
        second = client.contents().put(owner, "site", "README.md",
                FileWrite.of("second", "# Site\nmore\n").replacing(readme.content().sha()));
        upload = client.contents().upload(owner, "site", Upload.of("upload two").into("docs")
                .file("a b.txt", "spaced").file("bin.dat", new byte[] {0, 1, 2, (byte) 255}));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static ProblemException problem(Runnable call) {
        try {
            call.run();
        } catch (ProblemException e) {
            return e;
        }
        throw new AssertionError("expected a problem");
    }

    @Test
    void writesAnswerTheFileAndTheCommit() {
        assertThat(readme.content().path()).isEqualTo("README.md");
        assertThat(readme.commit().message().strip()).isEqualTo("first");
        assertThat(readme.commit().parents()).isEmpty();
        assertThat(second.commit().parents()).extracting(p -> p.sha()).containsExactly(readme.commit().sha());
        assertThat(upload.files()).extracting(UploadResult.File::path).containsExactly("docs/a b.txt", "docs/bin.dat");
        assertThat(upload.files().get(1).size()).isEqualTo(4);
        assertThat(upload.commit().parents()).extracting(p -> p.sha()).containsExactly(second.commit().sha());
    }

    @Test
    void aStaleShaIsAConflictAndAMissingOneIsAFieldError() {
        ProblemException stale = problem(() -> client.contents().put(owner, "site", "README.md",
                FileWrite.of("stale", "x").replacing(readme.content().sha())));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.type()).isEqualTo(Problem.CONFLICT);
        ProblemException noSha = problem(() -> client.contents().put(owner, "site", "README.md", FileWrite.of("no sha", "x")));
        assertThat(noSha.status()).isEqualTo(422);
        assertThat(noSha.fieldErrors()).extracting(Problem.FieldError::field).containsExactly("sha");
    }

    @Test
    void aFileIsDeletedInACommitOfItsOwn() {
        FileCommit added = client.contents().put(owner, "site", "tmp/gone.txt", FileWrite.of("add", "bye"));
        FileCommit deleted = client.contents().delete(owner, "site", "tmp/gone.txt",
                new FileDelete("remove", added.content().sha()));
        assertThat(deleted.content()).isNull();
        assertThat(deleted.commit().parents()).extracting(p -> p.sha()).containsExactly(added.commit().sha());
        assertThat(problem(() -> client.browse().file(owner, "site", "tmp/gone.txt", deleted.commit().sha())).status())
                .isEqualTo(404);
        assertThat(client.browse().file(owner, "site", "tmp/gone.txt", added.commit().sha()).text()).isEqualTo("bye");
    }

    @Test
    void branchesAndCommitsAreStreamedAcrossPages() {
        List<Branch> branches = client.browse().branches(owner, "site").toList();
        assertThat(branches).extracting(Branch::name).containsExactly("main");
        List<Commit> history = client.browse().commits(owner, "site", CommitQuery.all().from(upload.commit().sha())).toList();
        assertThat(history).extracting(Commit::sha)
                .containsExactly(upload.commit().sha(), second.commit().sha(), readme.commit().sha());
        assertThat(history.getFirst().commit().message()).isEqualTo("upload two");
        assertThat(client.browse().commits(owner, "site", CommitQuery.all().from(upload.commit().sha()).path("README.md"))
                .map(Commit::sha)).containsExactly(second.commit().sha(), readme.commit().sha());

        Commit one = client.browse().commit(owner, "site", second.commit().sha());
        assertThat(one.stats().additions()).isEqualTo(1);
        assertThat(one.files()).extracting(Commit.File::filename).containsExactly("README.md");
        assertThat(one.files().getFirst().patch()).contains("+more");
    }

    @Test
    void contentsTreesBlobsAndRawBytes() {
        String at = upload.commit().sha();
        Content file = client.browse().file(owner, "site", "README.md", at);
        assertThat(file.text()).isEqualTo("# Site\nmore\n");
        assertThat(file.sha()).isEqualTo(second.content().sha());
        assertThat(client.browse().directory(owner, "site", "", at)).extracting(Content::name, Content::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("README.md", "file"),
                        org.assertj.core.groups.Tuple.tuple("docs", "dir"));
        assertThat(client.browse().directory(owner, "site", "docs", at)).extracting(Content::path)
                .containsExactly("docs/a b.txt", "docs/bin.dat");
        assertThat(client.browse().raw(owner, "site", "docs/bin.dat", at)).containsExactly(0, 1, 2, 255);
        assertThat(client.browse().file(owner, "site", "docs/a b.txt", null).text()).isEqualTo("spaced");
        assertThat(client.browse().readme(owner, "site", null, at).text()).isEqualTo("# Site\nmore\n");

        Tree tree = client.browse().tree(owner, "site", at, true);
        assertThat(tree.truncated()).isFalse();
        assertThat(tree.tree()).extracting(Tree.Item::path).containsExactly("README.md", "docs", "docs/a b.txt", "docs/bin.dat");
        Tree.Item bin = tree.tree().get(3);
        assertThat(bin.size()).isEqualTo(4L);
        assertThat(client.browse().blob(owner, "site", bin.sha()).bytes()).containsExactly(0, 1, 2, 255);
        assertThat(client.browse().tree(owner, "site", at, false).tree()).hasSize(2);
    }

    @Test
    void archivesAreStreamedToAFile() throws IOException {
        Path zip = client.browse().archive(owner, "site", ArchiveFormat.ZIPBALL, upload.commit().sha(), tmp.resolve("site.zip"));
        try (ZipFile z = new ZipFile(zip.toFile())) {
            List<String> names = Collections.list(z.entries()).stream().map(e -> e.getName()).toList();
            String prefix = "site-" + upload.commit().sha().substring(0, 7) + "/";
            assertThat(names).contains(prefix + "README.md", prefix + "docs/a b.txt");
            assertThat(new String(z.getInputStream(z.getEntry(prefix + "README.md")).readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("# Site\nmore\n");
        }
        Path tgz = client.browse().archive(owner, "site", ArchiveFormat.TARBALL, null, tmp.resolve("site.tar.gz"));
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(tgz)))) {
            boolean found = false;
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                if (e.getName().endsWith("/docs/bin.dat")) {
                    assertThat(tar.readAllBytes()).containsExactly(0, 1, 2, 255);
                    found = true;
                }
            }
            assertThat(found).isTrue();
        }
        assertThat(problem(() -> client.browse().archive(owner, "site", ArchiveFormat.ZIPBALL, "no-such-ref",
                tmp.resolve("none.zip"))).status()).isEqualTo(404);
        assertThat(tmp.resolve("none.zip")).doesNotExist();
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("site.zip", "site.tar.gz");
        }
    }
}
