package dev.wsf.runtime.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the PROXY protocol header (HAProxy's spec, versions 1 and 2) that a load balancer puts at
 * the start of a connection to say who the client is. Fed bytes as they arrive, in pieces of any
 * size; takes exactly the header and leaves what follows (an HTTP request, a TLS ClientHello).
 * {@code LOCAL} (v2) and {@code UNKNOWN} (v1) headers leave the peer's own address.
 */
final class ProxyHeader {
    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final int V1_MAX = 107; // the longest v1 line, CRLF included
    private static final int V2_MAX_ADDRESSES = 2048; // room for addresses and TLVs; more is not a real header

    /** The header did not follow the protocol. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    private final InetSocketAddress peer;
    private byte[] buf = new byte[16];
    private int length;
    private int needed = 6; // enough to tell v1 from v2; then v2's fixed part, then its addresses

    ProxyHeader(InetSocketAddress peer) {
        this.peer = peer;
    }

    /**
     * Consumes header bytes from {@code in}.
     *
     * @return the client's address once the header is complete, else null (more bytes needed)
     * @throws Malformed if the bytes are not a PROXY header
     */
    InetSocketAddress feed(ByteBuffer in) throws Malformed {
        while (in.hasRemaining()) {
            if (length >= 6 && isV1()) {
                byte b = in.get();
                append(b);
                if (b == '\n') {
                    return v1();
                }
                if (length >= V1_MAX) {
                    throw new Malformed("PROXY v1 line longer than " + V1_MAX + " bytes");
                }
                continue;
            }
            int n = Math.min(needed - length, in.remaining());
            for (int i = 0; i < n; i++) {
                append(in.get());
            }
            if (length == 6 && !isV1()) {
                if (!startsLikeV2()) {
                    throw new Malformed("the connection does not start with a PROXY protocol header");
                }
                needed = 16;
            }
            if (length == 16 && !isV1()) {
                if (!Arrays.equals(buf, 0, 12, V2_SIGNATURE, 0, 12)) {
                    throw new Malformed("the connection does not start with a PROXY protocol header");
                }
                int addresses = ((buf[14] & 0xFF) << 8) | (buf[15] & 0xFF);
                if (addresses > V2_MAX_ADDRESSES) {
                    throw new Malformed("PROXY v2 header announces " + addresses + " bytes");
                }
                needed = 16 + addresses;
            }
            if (length == needed && length >= 16 && !isV1()) {
                return v2();
            }
        }
        return null;
    }

    private void append(byte b) {
        if (length == buf.length) {
            // Doubling, so the buffer follows the bytes that came, not the length v2 announces.
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        buf[length++] = b;
    }

    private boolean isV1() {
        return buf[0] == 'P' && buf[1] == 'R' && buf[2] == 'O' && buf[3] == 'X' && buf[4] == 'Y' && buf[5] == ' ';
    }

    private boolean startsLikeV2() {
        return Arrays.equals(buf, 0, 6, V2_SIGNATURE, 0, 6);
    }

    private InetSocketAddress v1() throws Malformed {
        if (length < 2 || buf[length - 2] != '\r') {
            throw new Malformed("PROXY v1 line not ended by CRLF");
        }
        String[] parts = new String(buf, 0, length - 2, StandardCharsets.US_ASCII).split(" ");
        if (parts.length >= 2 && parts[1].equals("UNKNOWN")) {
            return peer;
        }
        if (parts.length != 6 || !(parts[1].equals("TCP4") || parts[1].equals("TCP6"))) {
            throw new Malformed("PROXY v1 line is not 'PROXY TCP4|TCP6 src dst sport dport'");
        }
        try {
            int port = Integer.parseInt(parts[4]);
            if (port < 0 || port > 65535 || !isIpLiteral(parts[2])) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(InetAddress.getByName(parts[2]), port);
        } catch (NumberFormatException | UnknownHostException e) {
            throw new Malformed("PROXY v1 line has a bad source address or port");
        }
    }

    private InetSocketAddress v2() throws Malformed {
        int versionCommand = buf[12] & 0xFF;
        if (versionCommand >> 4 != 2) {
            throw new Malformed("PROXY header of version " + (versionCommand >> 4));
        }
        if ((versionCommand & 0x0F) == 0) {
            return peer; // LOCAL: the balancer's own connection, e.g. a health check
        }
        int family = (buf[13] & 0xFF) >> 4;
        try {
            if (family == 1 && needed >= 16 + 12) {
                return new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(buf, 16, 20)), port(24));
            }
            if (family == 2 && needed >= 16 + 36) {
                return new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(buf, 16, 32)), port(48));
            }
        } catch (UnknownHostException e) {
            throw new Malformed("PROXY v2 header has a bad address");
        }
        return peer; // UNSPEC or UNIX: nothing to say about the client
    }

    private int port(int at) {
        return ((buf[at] & 0xFF) << 8) | (buf[at + 1] & 0xFF);
    }

    private static boolean isIpLiteral(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
    }
}
