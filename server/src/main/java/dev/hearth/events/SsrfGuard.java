package dev.hearth.events;

import dev.hearth.error.HearthException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps webhooks from reaching into the server's own network: a URL whose host resolves to a
 * loopback, private, link-local, shared, multicast or unspecified address is refused (also when
 * an IPv6 address carries such an IPv4 address inside it: mapped, translated, compatible, NAT64,
 * 6to4, Teredo, ISATAP; see {@link #embeddedIpv4}), when the
 * hook is saved and again before every delivery (after resolution, so a name that later
 * resolves inward is caught). Hosts on the allow-list are let through exactly as named.
 */
public final class SsrfGuard {
    private final Set<String> allowed;

    public SsrfGuard(List<String> allowedHosts) {
        this.allowed = Set.copyOf(allowedHosts);
    }

    /** Checks the URL; returns its addresses, or throws 422 naming why. */
    public List<InetAddress> check(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw HearthException.invalid("config.url", "is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) throw HearthException.invalid("config.url", "must be http or https");
        if (uri.getHost() == null) throw HearthException.invalid("config.url", "needs a host");
        if (uri.getRawUserInfo() != null) throw HearthException.invalid("config.url", "must not carry credentials; use the secret");
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        List<InetAddress> addresses;
        try {
            addresses = List.of(InetAddress.getAllByName(bare));
        } catch (UnknownHostException e) {
            throw HearthException.invalid("config.url", "host " + host + " does not resolve");
        }
        if (allowed.contains(host) || allowed.contains(bare)) return addresses;
        for (InetAddress a : addresses) {
            if (allowed.contains(a.getHostAddress())) continue;
            if (isInternal(a)) {
                throw HearthException.invalid("config.url", "host " + host + " resolves to an internal address ("
                        + a.getHostAddress() + "); list it in HEARTH_WEBHOOK_ALLOWED_HOSTS to allow it");
            }
        }
        return addresses;
    }

    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second <= 127) // shared address space
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) || first >= 240
                    || (first == 198 && (second == 18 || second == 19));
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) return true; // unique local fc00::/7
            if (prefix(b, 0x01, 0x00, 0, 0, 0, 0, 0, 0)) return true; // discard-only 100::/64
            if (prefix(b, 0x20, 0x01, 0x0d, 0xb8)) return true; // documentation 2001:db8::/32
            if (prefix(b, 0x00, 0x64, 0xff, 0x9b, 0x00, 0x01)) return true; // local-use NAT64 64:ff9b:1::/48
            for (byte[] v4 : embeddedIpv4(b)) {
                if (internalIpv4(v4)) return true;
            }
        }
        return false;
    }

    /**
     * The IPv4 addresses an IPv6 address carries inside it, by the forms that route to them:
     * IPv4-mapped {@code ::ffff:0:0/96}, IPv4-translated {@code ::ffff:0:0:0/96}, IPv4-compatible
     * {@code ::/96}, NAT64's well-known prefix {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}, Teredo
     * {@code 2001::/32} (its server and its client, stored inverted) and an ISATAP interface id
     * ({@code ::[02]00:5efe:a.b.c.d} under any prefix).
     */
    static List<byte[]> embeddedIpv4(byte[] b) {
        List<byte[]> found = new java.util.ArrayList<>();
        byte[] low = java.util.Arrays.copyOfRange(b, 12, 16);
        if (prefix(b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff)) found.add(low);
        if (prefix(b, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0)) found.add(low);
        if (prefix(b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)) found.add(low);
        if (prefix(b, 0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0)) found.add(low);
        if (prefix(b, 0x20, 0x02)) found.add(java.util.Arrays.copyOfRange(b, 2, 6));
        if (prefix(b, 0x20, 0x01, 0x00, 0x00)) {
            found.add(java.util.Arrays.copyOfRange(b, 4, 8));
            byte[] client = new byte[4];
            for (int i = 0; i < 4; i++) client[i] = (byte) ~b[12 + i];
            found.add(client);
        }
        if (((b[8] & 0xfd) == 0) && b[9] == 0 && (b[10] & 0xff) == 0x5e && (b[11] & 0xff) == 0xfe) found.add(low);
        return found;
    }

    private static boolean internalIpv4(byte[] v4) {
        try {
            return isInternal(InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
            return true;
        }
    }

    private static boolean prefix(byte[] b, int... expected) {
        for (int i = 0; i < expected.length; i++) {
            if ((b[i] & 0xff) != expected[i]) return false;
        }
        return true;
    }
}
