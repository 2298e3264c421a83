package dev.hearth.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.error.HearthException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CredentialsTest {
    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesEverySupportedScheme() {
        assertThat(Credentials.parse(null)).isEmpty();
        assertThat(Credentials.parse("Basic " + b64("alice:pa:ss"))).contains(new Credentials.Basic("alice", "pa:ss"));
        assertThat(Credentials.parse("basic " + b64("alice:"))).contains(new Credentials.Basic("alice", ""));
        assertThat(Credentials.parse("Bearer abc")).contains(new Credentials.Token("abc"));
        assertThat(Credentials.parse("token abc")).contains(new Credentials.Token("abc"));
    }

    @Test
    void garbledHeadersAreUnauthenticated() {
        for (String bad : new String[] {"Basic", "Basic %%%", "Basic " + b64("no-colon"), "Negotiate x", "Bearer  "}) {
            assertThatThrownBy(() -> Credentials.parse(bad)).as(bad).isInstanceOf(HearthException.class);
        }
    }

    @Test
    void secretsStayOutOfToString() {
        assertThat(new Credentials.Basic("alice", "hunter2").toString()).doesNotContain("hunter2");
        assertThat(new Credentials.Token("hth_secret").toString()).doesNotContain("hth_secret");
    }
}
