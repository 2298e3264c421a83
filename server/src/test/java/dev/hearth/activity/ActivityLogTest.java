package dev.hearth.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.ApiClient;
import dev.hearth.testing.GitCli;
import dev.hearth.testing.TestHearth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every change to a repository leaves its event in the ordered stream, in the same unit of work. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActivityLogTest {
    TestHearth server;
    ApiClient api;
    TestHearth.User owner;
    GitCli git;
    /** The repository the current test works on: the shared stream is read for it alone. */
    long repoId;

    @TempDir
    Path tmp;

    @BeforeAll
    void start() {
        server = TestHearth.sqlite();
        api = server.api();
        owner = server.newUser("actor");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @BeforeEach
    void cli() throws IOException {
        git = new GitCli(Files.createDirectories(tmp.resolve("home")));
    }

    private void newRepo(String name) {
        repoId = server.newRepo(owner, name, false).json().get("id").asLong();
    }

    private List<Event> events() {
        return server.hearth().activity().after(0, 10_000).stream().filter(e -> e.activity().subject() instanceof Activity.Subject.Repo r && r.id() == repoId).toList();
    }

    private <T extends Activity> List<T> events(Class<T> type) {
        return events().stream().map(Event::activity).filter(type::isInstance).map(type::cast).toList();
    }

    private String url(String repo) {
        return server.baseUrl().replace("http://", "http://" + owner.login() + ":" + owner.token() + "@") + "/" + owner.login() + "/" + repo + ".git";
    }

    @Test
    void repositoryLifecycleAndCollaboratorsAreRecordedInOrder() {
        TestHearth.User member = server.newUser("member");
        newRepo("life");
        String path = "/api/v3/repos/" + owner.login();
        api.patch(path + "/life", owner.bearer(), "{\"name\":\"renamed\",\"private\":true}");
        api.put(path + "/renamed/collaborators/" + member.login(), owner.bearer(), "{\"permission\":\"write\"}");
        api.put(path + "/renamed/collaborators/" + member.login(), owner.bearer(), "{\"permission\":\"read\"}");
        api.delete(path + "/renamed/collaborators/" + member.login(), owner.bearer());
        api.delete(path + "/renamed", owner.bearer());

        List<Event> all = events();
        assertThat(all).extracting(e -> e.activity().type()).containsExactly(
                "repository.created", "repository.renamed", "repository.visibility_changed", "member.added",
                "member.removed", "repository.deleted");
        assertThat(all).extracting(Event::id).isSorted().doesNotHaveDuplicates();
        Activity.RepositoryRenamed renamed = events(Activity.RepositoryRenamed.class).getFirst();
        assertThat(renamed.fromName()).isEqualTo("life");
        assertThat(renamed.repo().name()).isEqualTo("renamed");
        assertThat(renamed.repo().isPrivate()).isTrue();
        assertThat(renamed.actor().login()).isEqualTo(owner.login());
        assertThat(events(Activity.CollaboratorAdded.class).getFirst().member().login()).isEqualTo(member.login());
        assertThat(events(Activity.RepositoryCreated.class).getFirst().repo().isPrivate()).isFalse();
    }

    @Test
    void pushesRecordEachRefWithItsNewCommits() throws IOException {
        newRepo("pushy");
        Path work = tmp.resolve("work");
        git.run(tmp, "init", "-q", "-b", "main", work.toString()).ok();
        for (int i = 0; i < 25; i++) {
            Files.writeString(work.resolve("f.txt"), "v" + i);
            git.run(work, "add", ".").ok();
            git.run(work, "commit", "-q", "-m", "c" + i).ok();
        }
        git.run(work, "tag", "-a", "v1", "-m", "release").ok();
        git.run(work, "push", "-q", url("pushy"), "main", "v1").ok();

        List<Activity.Pushed> pushes = events(Activity.Pushed.class);
        Activity.Pushed main = pushes.stream().filter(p -> p.ref().equals("refs/heads/main")).findFirst().orElseThrow();
        assertThat(main.created()).isTrue();
        assertThat(main.totalCommits()).isEqualTo(25);
        assertThat(main.commits()).hasSize(20);
        assertThat(main.commits().getLast().id()).isEqualTo(git.run(work, "rev-parse", "HEAD").ok().outTrim());
        assertThat(main.commits().getFirst().message()).isEqualTo("c5\n");
        assertThat(main.after()).isEqualTo(git.run(work, "rev-parse", "HEAD").ok().outTrim());
        assertThat(main.before()).isEqualTo("0".repeat(40));
        assertThat(events(Activity.RefCreated.class)).extracting(Activity.RefCreated::ref, Activity.RefCreated::kind)
                .containsExactlyInAnyOrder(org.assertj.core.api.Assertions.tuple("refs/heads/main", Activity.RefKind.BRANCH),
                        org.assertj.core.api.Assertions.tuple("refs/tags/v1", Activity.RefKind.TAG));

        String before = git.run(work, "rev-parse", "HEAD").ok().outTrim();
        git.run(work, "commit", "-q", "--amend", "-m", "rewritten").ok();
        git.run(work, "push", "-q", "--force", url("pushy"), "main").ok();
        Activity.Pushed forced = events(Activity.Pushed.class).getLast();
        assertThat(forced.forced()).isTrue();
        assertThat(forced.before()).isEqualTo(before);
        assertThat(forced.totalCommits()).isEqualTo(1);

        git.run(work, "push", "-q", url("pushy"), "main:side").ok();
        Activity.Pushed side = events(Activity.Pushed.class).getLast();
        assertThat(side.ref()).isEqualTo("refs/heads/side");
        assertThat(side.totalCommits()).as("nothing new on a branch made from a known commit").isZero();
        git.run(work, "push", "-q", url("pushy"), ":side").ok();
        assertThat(events(Activity.RefDeleted.class)).extracting(Activity.RefDeleted::ref).containsExactly("refs/heads/side");
        assertThat(api.get("/api/v3/repos/" + owner.login() + "/pushy", null).json().get("pushed_at").isNull()).isFalse();
    }

    @Test
    void refusedPushesRecordNothing() throws IOException {
        newRepo("strict");
        Path work = tmp.resolve("work");
        git.run(tmp, "init", "-q", "-b", "main", work.toString()).ok();
        Files.writeString(work.resolve("f.txt"), "x");
        git.run(work, "add", ".").ok();
        git.run(work, "commit", "-q", "-m", "c").ok();
        git.run(work, "push", "-q", url("strict"), "main").ok();
        long last = server.hearth().activity().lastId();
        assertThat(git.run(work, "push", url("strict"), ":main").exit()).isNotZero();
        assertThat(git.run(work, "push", url("strict"), "HEAD:refs/odd/x").exit()).isNotZero();
        assertThat(server.hearth().activity().lastId()).isEqualTo(last);
    }

    @Test
    void commitsThroughTheApiRaiseTheSameEvents() {
        newRepo("api");
        String content = Base64.getEncoder().encodeToString("hi".getBytes());
        assertThat(api.put("/api/v3/repos/" + owner.login() + "/api/contents/a.txt", owner.bearer(),
                "{\"message\":\"add a\",\"content\":\"" + content + "\"}").status()).isEqualTo(201);
        assertThat(events()).extracting(e -> e.activity().type()).containsExactly("repository.created", "create", "push");
        Activity.Pushed pushed = events(Activity.Pushed.class).getFirst();
        assertThat(pushed.totalCommits()).isEqualTo(1);
        assertThat(pushed.commits().getFirst().message()).isEqualTo("add a\n");
    }
}
