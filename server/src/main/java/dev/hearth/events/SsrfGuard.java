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
 * loopback, private, link-local, shared, multicast or unspecified address is refused, when the
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
            boolean v4Mapped = true;
            for (int i = 0; i < 10; i++) v4Mapped &= b[i] == 0;
            v4Mapped &= (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            if (v4Mapped) {
                try {
                    return isInternal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
