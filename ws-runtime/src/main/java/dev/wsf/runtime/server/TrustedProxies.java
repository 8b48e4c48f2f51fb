package dev.wsf.runtime.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The proxies whose word about the client's address a server takes: literal addresses and CIDR
 * blocks. {@link #clientAddress} reads {@code Forwarded} (RFC 7239) or, failing that,
 * {@code X-Forwarded-For}, from right to left, skipping trusted proxies: the first address that is
 * not one is the client (anything further left could have been written by the client itself).
 */
final class TrustedProxies {
    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private record Block(byte[] network, int bits) {
        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (b[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (b[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = blocks;
    }

    /**
     * @throws IllegalArgumentException for an entry that is not an IP literal or a CIDR block
     */
    static TrustedProxies of(List<String> entries) {
        if (entries.isEmpty()) {
            return NONE;
        }
        List<Block> blocks = new ArrayList<>();
        for (String entry : entries) {
            String e = entry.trim();
            int slash = e.indexOf('/');
            byte[] address = literal(slash < 0 ? e : e.substring(0, slash), entry);
            int bits = slash < 0 ? address.length * 8 : Integer.parseInt(e.substring(slash + 1));
            if (bits < 0 || bits > address.length * 8) {
                throw new IllegalArgumentException("trusted proxy " + entry + ": prefix length out of range");
            }
            blocks.add(new Block(address, bits));
        }
        return new TrustedProxies(List.copyOf(blocks));
    }

    boolean trusts(InetAddress a) {
        for (Block b : blocks) {
            if (b.contains(a)) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return blocks.isEmpty();
    }

    /**
     * The client's address: {@code peer} itself, unless it is a trusted proxy and the headers name
     * someone else. Ports are not forwarded reliably, so a forwarded address keeps port 0.
     *
     * @param forwarded         the values of {@code Forwarded} headers, in order
     * @param xForwardedFor     the values of {@code X-Forwarded-For} headers, in order
     */
    InetSocketAddress clientAddress(InetSocketAddress peer, List<String> forwarded, List<String> xForwardedFor) {
        if (!trusts(peer.getAddress())) {
            return peer;
        }
        List<String> hops = forwarded.isEmpty() ? xffHops(xForwardedFor) : forwardedHops(forwarded);
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = parse(hops.get(i));
            if (hop == null) {
                return peer; // obfuscated or garbled ("unknown", "_hidden"): nothing further can be believed
            }
            if (!trusts(hop)) {
                return new InetSocketAddress(hop, 0);
            }
        }
        return peer;
    }

    private static List<String> xffHops(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String v : values) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    hops.add(part.trim());
                }
            }
        }
        return hops;
    }

    private static List<String> forwardedHops(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String v : values) {
            for (String element : v.split(",")) {
                for (String pair : element.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0 && pair.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("for")) {
                        hops.add(pair.substring(eq + 1).trim());
                    }
                }
            }
        }
        return hops;
    }

    /** An address from a header: {@code 1.2.3.4}, {@code 1.2.3.4:80}, {@code "[::1]:80"}, {@code ::1}. */
    private static InetAddress parse(String hop) {
        String h = hop;
        if (h.length() >= 2 && h.startsWith("\"") && h.endsWith("\"")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            h = end < 0 ? "" : h.substring(1, end);
        } else if (h.indexOf(':') == h.lastIndexOf(':') && h.indexOf(':') > 0) {
            h = h.substring(0, h.indexOf(':')); // IPv4 with a port
        }
        try {
            return h.isEmpty() || !isLiteral(h) ? null : InetAddress.getByName(h);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isLiteral(String h) {
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
                return false;
            }
        }
        return true;
    }

    private static byte[] literal(String s, String entry) {
        if (!isLiteral(s)) {
            throw new IllegalArgumentException("trusted proxy " + entry + ": not an IP address or CIDR block");
        }
        try {
            return InetAddress.getByName(s).getAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("trusted proxy " + entry + ": not an IP address", e);
        }
    }
}
