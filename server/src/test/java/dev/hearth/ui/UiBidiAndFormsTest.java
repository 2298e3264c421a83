package dev.hearth.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bidirectional controls ("Trojan Source") in a description, file names, a commit message and
 * code are shown marked on every page, never as live controls, and the file page warns; forms
 * whose bytes are not UTF-8 are refused before any field is read.
 */
class UiBidiAndFormsTest {
    static final String RLO = "\u202E";
    static final String LRI = "\u2066";
    static final String PDI = "\u2069";
    static final String MARKED_RLO = "<span class=\"bidi\" title=\"Bidirectional control U+202E\">\u27EAU+202E\u27EB</span>";
    static final String TRICK = "invoice" + RLO + "fdp.exe";
    static final String CODE = "if (access_level != \"user" + RLO + " " + LRI + "// Check if admin" + PDI + " " + LRI + "\") {\n";

    static TestHearth server;
    static TestHearth.User eve;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        server = TestHearth.sqlite();
        eve = server.newUser("bidi");
        Response created = server.api().post("/api/v3/user/repos", eve.bearer(),
                "{\"name\":\"trojan\",\"description\":\"harmless " + RLO + "txt.exe\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        WorkTree work = new WorkTree(tmp, "trojan");
        work.write(TRICK, "MZ\n").write("check.js", CODE).write("plain.txt", "nothing odd\n")
                .commit("fix " + RLO + "cimota");
        work.push(server, eve, "trojan", "main");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertNoLiveControls(String html) {
        for (int c : new int[] {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}) {
            assertThat(html.indexOf(c)).as("a live U+%04X on the page", c).isEqualTo(-1);
        }
    }

    @Test
    void theRepositoryPageMarksTheDescriptionFileNamesAndCommitMessage() {
        HttpResponse<String> home = new PageClient(server.baseUrl()).get("/" + eve.login() + "/trojan");
        assertThat(home.statusCode()).isEqualTo(200);
        assertNoLiveControls(home.body());
        assertThat(home.body()).contains("harmless " + MARKED_RLO + "txt.exe")
                .contains("invoice" + MARKED_RLO + "fdp.exe")
                .contains("fix " + MARKED_RLO + "cimota");
        HttpResponse<String> commits = new PageClient(server.baseUrl()).get("/" + eve.login() + "/trojan/commits/main");
        assertThat(commits.statusCode()).isEqualTo(200);
        assertNoLiveControls(commits.body());
        assertThat(commits.body()).contains("fix " + MARKED_RLO + "cimota");
        HttpResponse<String> profile = new PageClient(server.baseUrl()).get("/" + eve.login());
        assertThat(profile.statusCode()).isEqualTo(200);
        assertNoLiveControls(profile.body());
        assertThat(profile.body()).contains("harmless " + MARKED_RLO + "txt.exe");
    }

    @Test
    void aFileWithControlsIsMarkedAndWarnedAbout() {
        HttpResponse<String> code = new PageClient(server.baseUrl()).get("/" + eve.login() + "/trojan/blob/main/check.js");
        assertThat(code.statusCode()).isEqualTo(200);
        assertNoLiveControls(code.body());
        assertThat(code.body()).contains("bidi-warning").contains("bidirectional Unicode text")
                .contains("user" + MARKED_RLO + " <span class=\"bidi\" title=\"Bidirectional control U+2066\">\u27EAU+2066\u27EB</span>// Check if admin");
        HttpResponse<String> named = new PageClient(server.baseUrl())
                .get("/" + eve.login() + "/trojan/blob/main/invoice%E2%80%AEfdp.exe");
        assertThat(named.statusCode()).isEqualTo(200);
        assertNoLiveControls(named.body());
        assertThat(named.body()).contains("bidi-warning").contains("invoice" + MARKED_RLO + "fdp.exe");
        HttpResponse<String> plain = new PageClient(server.baseUrl()).get("/" + eve.login() + "/trojan/blob/main/plain.txt");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body()).doesNotContain("bidi-warning").contains("nothing odd");
    }

    @Test
    void theRawFileIsUnchanged() {
        HttpResponse<String> raw = new PageClient(server.baseUrl()).get("/" + eve.login() + "/trojan/raw/main/check.js");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.body()).isEqualTo(CODE);
    }

    @Test
    void formsThatAreNotUtf8AreRefusedAndCreateNothing() {
        TestHearth.User alice = server.newUser("forms");
        PageClient page = new PageClient(server.baseUrl());
        page.signIn(alice.login(), alice.password());
        String csrf = page.csrf("/new");
        byte[][] bodies = {
                bytes("_csrf=" + csrf + "&name=ov%C0%AEb&description="),       // overlong '.', percent-encoded
                bytes("_csrf=" + csrf + "&name=ov", 0xc0, 0xae, "b&description="), // overlong '.', raw
                bytes("_csrf=" + csrf + "&name=sur%ED%A0%80&description="),     // an encoded surrogate
        };
        for (byte[] body : bodies) {
            HttpResponse<String> r = page.postRaw("/new", "application/x-www-form-urlencoded", body);
            assertThat(r.statusCode()).as(new String(body, StandardCharsets.ISO_8859_1) + " " + r.body()).isEqualTo(400);
            assertThat(r.body()).contains("not valid").doesNotContain("Exception");
        }
        assertThat(server.api().get("/api/v3/user/repos", alice.bearer()).json().size()).isZero();
        HttpResponse<String> fine = page.postRaw("/new", "application/x-www-form-urlencoded",
                bytes("_csrf=" + csrf + "&name=fine-ok&description=%E2%98%83"));
        assertThat(fine.statusCode()).as(fine.body()).isEqualTo(303);
    }

    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            else out.write((Integer) p);
        }
        return out.toByteArray();
    }
}
