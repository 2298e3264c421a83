package dev.hearth.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.error.HearthException;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SsrfGuardTest {
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.0.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
            "224.0.0.1", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "198.18.0.1", "255.255.255.255"})
    void internalAddresses(String address) throws Exception {
        assertThat(SsrfGuard.isInternal(InetAddress.getByName(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "93.184.216.34"})
    void publicAddresses(String address) throws Exception {
        assertThat(SsrfGuard.isInternal(InetAddress.getByName(address))).isFalse();
    }

    @Test
    void namesAreCheckedAfterResolutionAndTheAllowListOpensExactlyWhatItNames() {
        SsrfGuard closed = new SsrfGuard(List.of());
        assertThatThrownBy(() -> closed.check("http://localhost:8080/hook")).isInstanceOf(HearthException.class)
                .hasMessageContaining("internal address");
        assertThatThrownBy(() -> closed.check("http://127.0.0.1/")).isInstanceOf(HearthException.class);
        SsrfGuard open = new SsrfGuard(List.of("127.0.0.1"));
        assertThat(open.check("http://127.0.0.1:9/")).isNotEmpty();
        assertThatThrownBy(() -> open.check("http://10.0.0.1/")).isInstanceOf(HearthException.class);
        assertThatThrownBy(() -> open.check("gopher://127.0.0.1/")).isInstanceOf(HearthException.class);
    }
}
