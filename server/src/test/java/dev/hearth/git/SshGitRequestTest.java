package dev.hearth.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one shape of command the SSH server runs, and a sample of what it must not. */
class SshGitRequestTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "git-upload-pack '/alice/hello.git'   | UPLOAD_PACK  | alice | hello.git",
        "git-upload-pack 'alice/hello.git'    | UPLOAD_PACK  | alice | hello.git",
        "git-receive-pack '/alice/hello'      | RECEIVE_PACK | alice | hello",
        "git-receive-pack 'A-1/my.repo_2.git' | RECEIVE_PACK | A-1   | my.repo_2.git",
    })
    void gitsOwnCommandsAreUnderstood(String line, SshGitRequest.Service service, String owner, String repo) {
        assertThat(SshGitRequest.parse(line)).contains(new SshGitRequest(service, owner, repo));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "sh", "git-upload-pack", "git-upload-pack ''", "git-upload-pack 'alice'", "git-upload-pack alice/hello.git",
        "git-upload-pack \"alice/hello.git\"", "git-upload-pack 'alice/hello.git' x", "git-upload-pack 'alice/hello.git';id",
        "git-upload-pack 'alice/hello.git'\nid", " git-upload-pack 'alice/hello.git'", "git-upload-pack  'alice/hello.git'",
        "git-upload-pack '../../etc'", "git-upload-pack 'alice/..'", "git-upload-pack 'alice/../bob/x'",
        "git-upload-pack '//alice/hello'", "git-upload-pack 'alice/hello/'", "git-upload-pack '-alice/hello'",
        "git-upload-pack 'alice/-hello'", "git-upload-pack '--help/x'", "git-upload-pack --help", "git-upload-pack -o 'a/b'",
        "git-upload-archive 'alice/hello.git'", "git upload-pack 'alice/hello.git'", "GIT-UPLOAD-PACK 'alice/hello.git'",
        "git-upload-pack 'alice/hello.git\u0000'", "git-upload-pack 'alice/hel lo.git'", "git-upload-pack 'alice/$(id)'",
    })
    void anythingElseIsNot(String line) {
        assertThat(SshGitRequest.parse(line)).isEqualTo(Optional.empty());
    }

    @org.junit.jupiter.api.Test
    void overlongLinesAreNotEvenMatched() {
        assertThat(SshGitRequest.parse("git-upload-pack 'alice/" + "a".repeat(300) + "'")).isEmpty();
    }
}
