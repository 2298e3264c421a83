package dev.hearth.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.client.Collaborator;
import dev.hearth.client.HearthClient;
import dev.hearth.client.NewRepo;
import dev.hearth.client.NewToken;
import dev.hearth.client.NewUser;
import dev.hearth.client.Problem;
import dev.hearth.client.ProblemException;
import dev.hearth.client.Repo;
import dev.hearth.client.RepoUpdate;
import dev.hearth.client.SshKey;
import dev.hearth.client.Token;
import dev.hearth.client.User;
import dev.hearth.testing.TestHearth;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The SDK against the real server: users, tokens, repositories, collaborators, and problems as exceptions. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SdkAccountsAndReposTest {
    TestHearth server;

    @BeforeAll
    void start() {
        server = TestHearth.sqlite();
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
    void usersShowTheirEmailOnlyToThemselves() {
        TestHearth.User ann = server.newUser("ann");
        TestHearth.User ben = server.newUser("ben");
        User me = server.client(ann).users().me();
        assertThat(me.login()).isEqualTo(ann.login());
        assertThat(me.id()).isEqualTo(ann.id());
        assertThat(me.email()).isEqualTo(ann.login() + "@example.com");
        assertThat(me.createdAt()).isNotNull();
        User other = server.client(ben).users().get(ann.login());
        assertThat(other.login()).isEqualTo(ann.login());
        assertThat(other.email()).isNull();
    }

    @Test
    void onlyASiteAdminCreatesUsers() {
        User made = server.adminClient().users().create(new NewUser("sdk-made", "made@example.com", "Correct-horse-9"));
        assertThat(made.login()).isEqualTo("sdk-made");
        TestHearth.User ann = server.newUser("plain");
        ProblemException denied = problem(() -> server.client(ann).users()
                .create(new NewUser("sdk-other", "o@example.com", "Correct-horse-9")));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.type()).isEqualTo(Problem.PERMISSION_DENIED);
        assertThat(denied.problem().requestId()).isNotBlank();
    }

    @Test
    void tokensAreCreatedListedUsedAndRevoked() {
        TestHearth.User ann = server.newUser("tokens");
        HearthClient withPassword = server.clientWithPassword(ann);
        Token created = withPassword.tokens().create(ann.login(), new NewToken("ci", List.of("repo")));
        assertThat(created.token()).isNotBlank();
        assertThat(created.scopes()).containsExactly("repo");

        HearthClient withToken = HearthClient.builder().baseUrl(server.baseUrl()).token(created.token()).build();
        assertThat(withToken.users().me().login()).isEqualTo(ann.login());

        List<Token> listed = withPassword.tokens().list(ann.login());
        assertThat(listed).extracting(Token::name).contains("test", "ci");
        Token ci = listed.stream().filter(t -> t.id() == created.id()).findFirst().orElseThrow();
        assertThat(ci.token()).isNull();
        assertThat(created.token()).endsWith(ci.tokenLastEight());

        ProblemException tokenMintsToken = problem(() -> withToken.tokens().list(ann.login()));
        assertThat(tokenMintsToken.status()).isEqualTo(403);

        withPassword.tokens().revoke(ann.login(), created.id());
        ProblemException revoked = problem(() -> withToken.users().me());
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.type()).isEqualTo(Problem.UNAUTHENTICATED);
    }

    @Test
    void repositoriesAreCreatedStreamedAcrossPagesChangedAndDeleted() {
        TestHearth.User ann = server.newUser("repos");
        HearthClient client = HearthClient.builder().baseUrl(server.baseUrl()).token(ann.token()).pageSize(2).build();
        Repo first = client.repos().create(NewRepo.named("r0").privately(true).description("first").defaultBranch("trunk"));
        assertThat(first.fullName()).isEqualTo(ann.login() + "/r0");
        assertThat(first.isPrivate()).isTrue();
        assertThat(first.visibility()).isEqualTo("private");
        assertThat(first.defaultBranch()).isEqualTo("trunk");
        assertThat(first.owner().login()).isEqualTo(ann.login());
        assertThat(first.permissions().admin()).isTrue();
        assertThat(first.cloneUrl()).isEqualTo(server.baseUrl() + "/" + ann.login() + "/r0.git");
        IntStream.rangeClosed(1, 4).forEach(i -> client.repos().create(NewRepo.named("r" + i)));

        // five repositories, two per page: three pages, fetched as the stream is read
        assertThat(client.repos().list().map(Repo::name)).containsExactlyInAnyOrder("r0", "r1", "r2", "r3", "r4");
        assertThat(client.repos().listFor(ann.login()).count()).isEqualTo(5);
        assertThat(client.repos().list().limit(1).count()).isEqualTo(1);
        // someone else sees only the public four
        assertThat(server.client(server.newUser("viewer")).repos().listFor(ann.login()).map(Repo::name))
                .containsExactlyInAnyOrder("r1", "r2", "r3", "r4");

        Repo renamed = client.repos().update(ann.login(), "r0", RepoUpdate.none().name("renamed").description("new").privately(false));
        assertThat(renamed.name()).isEqualTo("renamed");
        assertThat(renamed.description()).isEqualTo("new");
        assertThat(renamed.isPrivate()).isFalse();
        assertThat(client.repos().get(ann.login(), "renamed").id()).isEqualTo(first.id());
        assertThat(problem(() -> client.repos().get(ann.login(), "r0")).type()).isEqualTo(Problem.NOT_FOUND);

        client.repos().delete(ann.login(), "renamed");
        ProblemException gone = problem(() -> client.repos().get(ann.login(), "renamed"));
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.type()).isEqualTo(Problem.NOT_FOUND);
    }

    @Test
    void invalidInputIsA422WithFieldErrors() {
        TestHearth.User ann = server.newUser("invalid");
        HearthClient client = server.client(ann);
        ProblemException bad = problem(() -> client.repos().create(NewRepo.named("no spaces please")));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.type()).isEqualTo(Problem.VALIDATION_FAILED);
        assertThat(bad.fieldErrors()).extracting(Problem.FieldError::field).containsExactly("name");
        assertThat(bad.fieldErrors().getFirst().message()).contains("letters");

        client.repos().create(NewRepo.named("twice"));
        ProblemException again = problem(() -> client.repos().create(NewRepo.named("TWICE")));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.type()).isEqualTo(Problem.CONFLICT);
    }

    @Test
    void collaboratorsAreAddedChangedListedAndRemoved() {
        TestHearth.User ann = server.newUser("owner");
        TestHearth.User bob = server.newUser("bob");
        HearthClient owner = server.client(ann);
        HearthClient guest = server.client(bob);
        owner.repos().create(NewRepo.named("shared").privately(true));
        assertThat(problem(() -> guest.repos().get(ann.login(), "shared")).status()).isEqualTo(404);

        assertThat(owner.collaborators().put(ann.login(), "shared", bob.login(), "read")).isTrue();
        assertThat(guest.repos().get(ann.login(), "shared").permissions())
                .isEqualTo(new Repo.Permissions(false, false, false, false, true));
        assertThat(owner.collaborators().put(ann.login(), "shared", bob.login(), "write")).isFalse();
        assertThat(owner.collaborators().list(ann.login(), "shared").filter(c -> c.login().equals(bob.login())))
                .extracting(Collaborator::roleName).containsExactly("write");

        ProblemException badLevel = problem(() -> owner.collaborators().put(ann.login(), "shared", bob.login(), "boss"));
        assertThat(badLevel.status()).isEqualTo(422);

        owner.collaborators().remove(ann.login(), "shared", bob.login());
        assertThat(problem(() -> guest.repos().get(ann.login(), "shared")).status()).isEqualTo(404);
    }

    @Test
    void sshKeysAreAddedListedAndDeleted(@org.junit.jupiter.api.io.TempDir java.nio.file.Path keyDir) {
        TestHearth.User ann = server.newUser("keys");
        HearthClient client = server.clientWithPassword(ann);
        dev.hearth.testing.SshCli ssh = new dev.hearth.testing.SshCli(keyDir);
        dev.hearth.testing.SshCli.Key key = ssh.newKey("ed25519", 0);
        SshKey added = client.keys().add("laptop", key.publicText());
        assertThat(added.title()).isEqualTo("laptop");
        assertThat(added.fingerprint()).isEqualTo(ssh.fingerprint(key));
        assertThat(client.keys().list().map(SshKey::id)).containsExactly(added.id());
        assertThat(client.keys().get(added.id()).key()).isEqualTo(key.withoutComment());

        ProblemException garbage = problem(() -> client.keys().add("bad", "ssh-ed25519 not-base64"));
        assertThat(garbage.status()).isEqualTo(422);
        assertThat(garbage.fieldErrors()).extracting(Problem.FieldError::field).containsExactly("key");
        assertThat(problem(() -> server.client(ann).keys().list().toList()).status())
                .as("a token without admin:public_key").isEqualTo(403);

        client.keys().delete(added.id());
        assertThat(client.keys().list()).isEmpty();
    }
}
