package dev.hearth.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.error.HearthException;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesAndPasswordsTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "alice", "Alice-Smith", "a1-b2-c3", "x23456789012345678901234567890123456789"})
    void goodLogins(String login) {
        assertThat(new Login(login).value()).isEqualTo(login);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-a", "a-", "a--b", "a.b", "a_b", "a b", "ａlice", "x234567890123456789012345678901234567890",
            "a\u0000b"})
    void badLogins(String login) {
        assertThatThrownBy(() -> new Login(login)).isInstanceOf(HearthException.class);
        assertThatThrownBy(() -> Login.available(login)).isInstanceOf(HearthException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"api", "Admin", "login", "logout", "new", "explore", "settings", "orgs", "search",
            "notifications", "assets", "raw", "oauth", "healthz", "READYZ", "users", "repos"})
    void reservedLoginsAreRefusedForNewAccounts(String login) {
        assertThatThrownBy(() -> Login.available(login)).isInstanceOf(HearthException.class)
                .hasMessageContaining("reserved");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@b.c", "first.last+tag@example.co.uk", "admin@localhost"})
    void goodEmails(String email) {
        assertThatCode(() -> new Email(email)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "@example.com", "a@", "a@@b.c", "a b@c.d", "a@b.c.", "a@.b"})
    void badEmails(String email) {
        assertThatThrownBy(() -> new Email(email)).isInstanceOf(HearthException.class);
    }

    @Test
    void passwordPolicy() {
        assertThatCode(() -> PasswordPolicy.check("correct horse battery", "alice")).doesNotThrowAnyException();
        for (String weak : new String[] {"short", "password", "Password1", "alice-rocks-99", "abababab"}) {
            assertThatThrownBy(() -> PasswordPolicy.check(weak, "alice")).as(weak).isInstanceOf(HearthException.class);
        }
    }

    @Test
    void argon2idHashesVerifyAndAreSalted() {
        PasswordHasher hasher = new PasswordHasher(new SecureRandom());
        String a = hasher.hash("s3cret-words");
        String b = hasher.hash("s3cret-words");
        assertThat(a).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(b);
        assertThat(hasher.verify("s3cret-words", a)).isTrue();
        assertThat(hasher.verify("s3cret-wordz", a)).isFalse();
        assertThat(hasher.verify("s3cret-words", "$bcrypt$nonsense")).isFalse();
    }

    @Test
    void tokensAreStoredAsSha256() {
        assertThat(TokenService.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
