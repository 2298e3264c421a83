package dev.hearth.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.storage.Database;
import dev.hearth.testing.ApiClient;
import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;

/** Security-relevant actions are recorded with who, what, when and from where, and never a secret. */
class AuditLogTest {
    static TestHearth server;
    static ApiClient api;

    @BeforeAll
    static void start() {
        server = TestHearth.sqlite();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<JsonNode> entries(String action) {
        Response r = api.get("/api/v3/admin/audit?per_page=100", server.admin());
        assertThat(r.status()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().forEach(e -> { if (e.get("action").asString().equals(action)) out.add(e); });
        return out;
    }

    @Test
    void failedSignInsAreRecordedWithoutTheSecret() {
        TestHearth.User victim = server.newUser("victim");
        Response failed = api.send("GET", "/api/v3/user", ApiClient.basic(victim.login(), "Guess-Number-1"), null,
                Map.of("X-Request-Id", "audit-probe-1"));
        assertThat(failed.status()).isEqualTo(401);
        JsonNode entry = entries("auth.failed").stream()
                .filter(e -> e.get("request_id").asString().equals("audit-probe-1")).findFirst().orElseThrow();
        assertThat(entry.get("target").asString()).isEqualTo(victim.login());
        assertThat(entry.get("actor").isNull()).isTrue();
        assertThat(entry.get("remote_addr").asString()).isEqualTo("127.0.0.1");
        assertThat(entry.get("created_at").asString()).endsWith("Z");
        assertThat(api.get("/api/v3/admin/audit?per_page=100", server.admin()).body())
                .doesNotContain("Guess-Number-1").doesNotContain(victim.token()).doesNotContain(victim.password());
    }

    @Test
    void tokensPermissionsVisibilityProtectionAndDeletionsAreRecorded() {
        TestHearth.User owner = server.newUser("auditee");
        TestHearth.User member = server.newUser("member");
        assertThat(entries("token.created").stream().anyMatch(e -> e.get("target").asString().equals(owner.login())
                && e.get("actor").get("login").asString().equals(owner.login()))).isTrue();

        server.newRepo(owner, "watched", false);
        String repo = "/api/v3/repos/" + owner.login() + "/watched";
        api.put(repo + "/collaborators/" + member.login(), owner.bearer(), "{\"permission\":\"read\"}");
        api.put(repo + "/collaborators/" + member.login(), owner.bearer(), "{\"permission\":\"write\"}");
        api.delete(repo + "/collaborators/" + member.login(), owner.bearer());
        api.patch(repo, owner.bearer(), "{\"private\":true}");
        api.put(repo + "/branches/main/protection", owner.bearer(), "{\"allow_force_pushes\":false}");
        api.delete(repo, owner.bearer());

        String full = owner.login() + "/watched";
        for (String action : new String[] {"repo.collaborator.added", "repo.collaborator.changed", "repo.collaborator.removed",
                "repo.visibility", "repo.protection.set", "repo.deleted"}) {
            List<JsonNode> found = entries(action).stream().filter(e -> e.get("target").asString().equals(full)).toList();
            assertThat(found).as(action).hasSize(1);
            assertThat(found.getFirst().get("actor").get("login").asString()).isEqualTo(owner.login());
        }
        assertThat(entries("repo.visibility").getFirst().get("details").get("private").asBoolean()).isTrue();

        long tokenId = api.get("/api/v3/users/" + owner.login() + "/tokens", owner.basic()).json().get(0).get("id").asLong();
        assertThat(api.delete("/api/v3/users/" + owner.login() + "/tokens/" + tokenId, owner.basic()).status()).isEqualTo(204);
        assertThat(entries("token.revoked").stream().anyMatch(e -> e.get("details").get("token_id").asLong() == tokenId)).isTrue();
    }

    @Test
    void anExplicitActorIsRecordedWhateverTheLoggingContextHolds(@TempDir Path dir) {
        try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("audit.db"))) {
            AuditLog log = new AuditLog(db.jdbi(), Clock.systemUTC());
            MDC.put(AuditLog.MDC_ACTOR_ID, "99");
            MDC.put(AuditLog.MDC_ACTOR_LOGIN, "someone-else");
            MDC.put(AuditLog.MDC_REMOTE, "192.0.2.1");
            MDC.put(AuditLog.MDC_REQUEST, "other-request");
            try {
                db.jdbi().useTransaction(h -> log.record(h, new Actor(7L, "keyholder", "127.0.0.1", null, Actor.Transport.SSH),
                        "git.push", "o/r", Map.of("refs", List.of())));
            } finally {
                MDC.clear();
            }
            AuditEntry entry = log.list(10, 0).getFirst();
            assertThat(entry.actorId()).isEqualTo(7L);
            assertThat(entry.actorLogin()).isEqualTo("keyholder");
            assertThat(entry.remoteAddr()).isEqualTo("127.0.0.1");
            assertThat(entry.requestId()).isNull();
            assertThat(entry.details()).containsEntry("transport", "ssh").containsKey("refs");
        }
    }

    @Test
    void onlySiteAdminsReadIt() {
        TestHearth.User someone = server.newUser("someone");
        assertThat(api.get("/api/v3/admin/audit", someone.basic()).status()).isEqualTo(403);
        assertThat(api.get("/api/v3/admin/audit", null).status()).isEqualTo(401);
        Response page = api.get("/api/v3/admin/audit?per_page=1", server.admin());
        assertThat(page.json().size()).isEqualTo(1);
        assertThat(page.header("Link")).contains("rel=\"next\"");
    }
}
