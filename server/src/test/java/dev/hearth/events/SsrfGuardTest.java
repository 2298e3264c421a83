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

    /** IPv6 forms that carry an internal IPv4 address inside them, and IPv6 ranges that never route outward. */
    @ParameterizedTest
    @ValueSource(strings = {"64:ff9b::a9fe:a9fe", "64:ff9b::127.0.0.1", "64:ff9b::10.0.0.1", "2002:a9fe:a9fe::",
            "2002:7f00:1::1", "2002:c0a8:101:1::1", "::169.254.169.254", "::127.0.0.1", "::10.1.2.3", "::ffff:0:7f00:1",
            "::ffff:0:169.254.169.254", "::ffff:0:a00:1", "2001:0:a9fe:a9fe::1", "2001:0:4136:e378:8000:63bf:80ff:fffe",
            "2001:0:4136:e378:8000:63bf:5601:5601", "fe80::5efe:a9fe:a9fe", "2606:4700::200:5efe:a00:1", "2606:4700::5efe:7f00:1",
            "64:ff9b:1::808:808", "100::1", "2001:db8::1"})
    void ipv6FormsEmbeddingInternalIpv4(String address) throws Exception {
        assertThat(SsrfGuard.isInternal(InetAddress.getByName(address))).as(address).isTrue();
    }

    /** The same forms around public IPv4 addresses stay allowed: the guard looks inside, it does not ban the forms. */
    @ParameterizedTest
    @ValueSource(strings = {"64:ff9b::808:808", "2002:808:808::1", "::ffff:0:808:808", "2001:0:4136:e378:8000:63bf:f7f7:f7f7",
            "2606:4700::5efe:808:808"})
    void ipv6FormsEmbeddingPublicIpv4(String address) throws Exception {
        assertThat(SsrfGuard.isInternal(InetAddress.getByName(address))).as(address).isFalse();
    }

    @Test
    void embeddedFormsAreRefusedInUrlsEvenWhenTheirIpv4IsAllowListed() {
        SsrfGuard guard = new SsrfGuard(List.of("127.0.0.1"));
        for (String url : new String[] {"http://[64:ff9b::a9fe:a9fe]/", "http://[2002:a9fe:a9fe::]/", "http://[::169.254.169.254]/",
                "http://[::ffff:0:7f00:1]/", "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/"}) {
            assertThatThrownBy(() -> guard.check(url)).as(url).isInstanceOf(HearthException.class)
                    .hasMessageContaining("internal address");
        }
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
