package io.sladesk.server.notification;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where a webhook may post: an http or https URL without credentials whose host is a
 * name or a plain address, and, unless {@code sladesk.webhooks.allow-private-networks}
 * ({@code SLADESK_WEBHOOKS_ALLOW_PRIVATE_NETWORKS}) is true, none of whose addresses lies
 * inside: loopback, unspecified, private, carrier-grade NAT, link-local (the cloud metadata
 * service), unique-local, multicast or reserved. Checked when a webhook is registered or
 * changed, and again, after a fresh DNS resolution, before every delivery, so a name that
 * later resolves inside is refused at send time.
 */
@Component
class WebhookTargets {
    /** Looks a host up; tests give their own answers. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Why a URL may not be a webhook's (a phrase to follow "url "). */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final String ALLOW = "SLADESK_WEBHOOKS_ALLOW_PRIVATE_NETWORKS";
    /** WHATWG URL: a host whose last label is a number is an IPv4 address, in any of its old forms. */
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");

    private static final Pattern DOTTED_QUAD = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

    private final boolean allowPrivateNetworks;
    private final Resolver resolver;

    @Autowired
    WebhookTargets(@Value("${sladesk.webhooks.allow-private-networks:false}") boolean allowPrivateNetworks) {
        this(allowPrivateNetworks, InetAddress::getAllByName);
    }

    WebhookTargets(boolean allowPrivateNetworks, Resolver resolver) {
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.resolver = resolver;
    }

    /**
     * The URL checked as a webhook is registered or changed. A name that does not resolve
     * now is let through (its DNS may not be there yet): every delivery resolves it again.
     */
    void checkForRegistration(String url) throws Refused {
        URI uri = parse(url);
        if (allowPrivateNetworks) return;
        try {
            checkAddresses(resolver.resolve(uri.getHost()));
        } catch (UnknownHostException e) {
            // checked again, and refused if it then resolves inside, at every delivery
        }
    }

    /**
     * The URL checked just before a delivery, against the addresses its host has now. The
     * HTTP client then looks the host up again and gets the JVM's cached answer (kept 30
     * seconds by default), so what is checked is what is connected to, unless that cache
     * entry expires in the instant between the two.
     */
    URI checkForDelivery(String url) throws Refused {
        URI uri = parse(url);
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            throw new Refused("has a host that does not resolve: " + uri.getHost());
        }
        if (!allowPrivateNetworks) checkAddresses(addresses);
        return uri;
    }

    private static void checkAddresses(InetAddress[] addresses) throws Refused {
        for (InetAddress a : addresses) {
            String inside = internal(a);
            if (inside != null) {
                throw new Refused("points inside the desk's network: " + a.getHostAddress() + " is " + inside
                        + " (a deployment that posts to its own network sets " + ALLOW + "=true)");
            }
        }
    }

    /** The URL's syntax: http or https, a host, no credentials, a plain IPv4 address if a number. */
    static URI parse(String url) throws Refused {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Refused("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new Refused("must be an absolute http or https URL with a host name or address");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("must not carry credentials (user:password@); the signature authenticates the desk");
        }
        if (uri.getPort() > 65535) throw new Refused("has a port above 65535");
        String host = uri.getHost();
        if (!host.startsWith("[")) {
            String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
            String last = name.substring(name.lastIndexOf('.') + 1);
            if (NUMERIC_LABEL.matcher(last).matches()
                    && !DOTTED_QUAD.matcher(name).matches()) {
                throw new Refused(
                        "has a numeric host that is not a plain dotted IPv4 address (such as 192.0.2.10): " + host);
            }
        }
        return uri;
    }

    /** What kind of inside address this is, or null for an address on the internet. */
    static String internal(InetAddress a) {
        if (a.isAnyLocalAddress()) return "the unspecified address";
        if (a.isLoopbackAddress()) return "a loopback address";
        if (a.isLinkLocalAddress()) return "a link-local address";
        if (a.isSiteLocalAddress()) return "a private address";
        if (a.isMulticastAddress()) return "a multicast address";
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) return internalV4(b);
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) return "a unique-local address";
            if (embedsIpv4(b)) {
                String inside = internalV4(new byte[] {b[12], b[13], b[14], b[15]});
                return inside == null ? null : "an IPv6 form of " + inside;
            }
        }
        return null;
    }

    /** ::a.b.c.d (IPv4-compatible), ::ffff:a.b.c.d (IPv4-mapped) or 64:ff9b::a.b.c.d (NAT64). */
    private static boolean embedsIpv4(byte[] b) {
        boolean compatible = zeros(b, 0, 12);
        boolean mapped = zeros(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean nat64 =
                b[0] == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && zeros(b, 4, 12);
        return compatible || mapped || nat64;
    }

    private static String internalV4(byte[] b) {
        int x = b[0] & 0xff;
        int y = b[1] & 0xff;
        if (x == 0) return "in 0.0.0.0/8 (this network)";
        if (x == 127) return "a loopback address";
        if (x == 10 || (x == 172 && (y & 0xf0) == 16) || (x == 192 && y == 168)) return "a private address";
        if (x == 100 && (y & 0xc0) == 64) return "a carrier-grade NAT address (100.64.0.0/10)";
        if (x == 169 && y == 254) return "a link-local address";
        if (x >= 224 && x <= 239) return "a multicast address";
        if (x >= 240) return "a reserved address";
        return null;
    }

    private static boolean zeros(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] != 0) return false;
        return true;
    }
}
