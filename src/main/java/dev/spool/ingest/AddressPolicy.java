package dev.spool.ingest;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Which hosts a download may reach (server-side request forgery guard). The host is resolved and every
 * address checked: loopback, private (RFC 1918, IPv6 unique local), link-local (which includes cloud
 * metadata at 169.254.169.254), carrier-grade NAT, multicast and unspecified addresses are refused unless
 * private addresses are explicitly allowed. Redirects are checked again hop by hop by the caller.
 *
 * <p>Limit: the HTTP client resolves the name again when it connects, so a DNS server that answers
 * differently within the same second (DNS rebinding) is not caught here; firewall egress for that.
 */
public final class AddressPolicy {
    /** Resolves a host name to all its addresses. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivate;
    private final Resolver resolver;

    public AddressPolicy(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    public AddressPolicy(boolean allowPrivate) {
        this(allowPrivate, InetAddress::getAllByName);
    }

    /** Why {@code url} may not be fetched, or null when it may. */
    public String problem(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "only http and https URLs can be ingested, not '" + scheme + "'";
        }
        String host = url.getHost();
        if (host == null || host.isBlank()) return "the URL has no host";
        if (url.getUserInfo() != null) return "URLs with credentials (user@host) are not accepted";
        if (allowPrivate) return null;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return "cannot resolve host " + host;
        }
        for (InetAddress a : addresses) {
            String kind = restrictedKind(a);
            if (kind != null) {
                return "refused: " + host + " resolves to " + kind + " address " + a.getHostAddress()
                        + " (private, loopback and link-local addresses are refused unless allowed with "
                        + IngestSettings.ALLOW_PRIVATE_ENV + "=true)";
            }
        }
        return null;
    }

    /** The kind of a restricted address ("loopback", "private" ...), or null for a public one. */
    static String restrictedKind(InetAddress a) {
        if (a.isLoopbackAddress()) return "loopback";
        if (a.isAnyLocalAddress()) return "unspecified";
        if (a.isLinkLocalAddress()) return "link-local";
        if (a.isSiteLocalAddress()) return "private";
        if (a.isMulticastAddress()) return "multicast";
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            if (first == 0) return "unspecified";
            if (first == 100 && second >= 64 && second <= 127) return "carrier-grade NAT";
            if (first == 198 && (second == 18 || second == 19)) return "benchmarking";
            if (first >= 240) return "reserved";
        } else if (a instanceof Inet6Address) {
            if ((b[0] & 0xFE) == 0xFC) return "private (unique local)";
            if ((b[0] & 0xFF) == 0xFE && (b[1] & 0xC0) == 0xC0) return "private (site-local)";
            boolean mapped = true;
            for (int i = 0; i < 10; i++) mapped &= b[i] == 0;
            if (mapped && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
                try {
                    return restrictedKind(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return "invalid";
                }
            }
        }
        return null;
    }
}
