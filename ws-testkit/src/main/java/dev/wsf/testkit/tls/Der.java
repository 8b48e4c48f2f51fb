package dev.wsf.testkit.tls;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A minimal ASN.1 DER encoder (ITU-T X.690): the types an X.509 certificate needs, each returned
 * as its complete tag-length-value bytes, so that structures are built by nesting calls.
 */
final class Der {
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

    private Der() {
    }

    static byte[] sequence(byte[]... elements) {
        return tlv(0x30, concat(elements));
    }

    /** A SET of one element (a relative distinguished name has one attribute here, so no sorting). */
    static byte[] set(byte[] element) {
        return tlv(0x31, element);
    }

    static byte[] bool(boolean value) {
        return tlv(0x01, new byte[] {(byte) (value ? 0xff : 0x00)});
    }

    /** Two's complement, minimal: BigInteger's own encoding is exactly DER's. */
    static byte[] integer(BigInteger value) {
        return tlv(0x02, value.toByteArray());
    }

    static byte[] integer(long value) {
        return integer(BigInteger.valueOf(value));
    }

    static byte[] nullValue() {
        return new byte[] {0x05, 0x00};
    }

    static byte[] octetString(byte[] value) {
        return tlv(0x04, value);
    }

    /** A BIT STRING of whole bytes (keys, signatures): no unused bits. */
    static byte[] bitString(byte[] value) {
        return bitString(value, 0);
    }

    static byte[] bitString(byte[] value, int unusedBits) {
        byte[] content = new byte[value.length + 1];
        content[0] = (byte) unusedBits;
        System.arraycopy(value, 0, content, 1, value.length);
        return tlv(0x03, content);
    }

    /** An OBJECT IDENTIFIER from its dotted form: base-128 arcs, the first two merged as 40 * a + b. */
    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        base128(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            base128(out, Long.parseLong(arcs[i]));
        }
        return tlv(0x06, out.toByteArray());
    }

    static byte[] utf8String(String value) {
        return tlv(0x0c, value.getBytes(StandardCharsets.UTF_8));
    }

    /** X.680 PrintableString: letters, digits, space and {@code '()+,-./:=?}. */
    static byte[] printableString(String value) {
        if (!isPrintable(value)) {
            throw new IllegalArgumentException("not a PrintableString: " + value);
        }
        return tlv(0x13, value.getBytes(StandardCharsets.US_ASCII));
    }

    static boolean isPrintable(String value) {
        return value.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || " '()+,-./:=?".indexOf(c) >= 0));
    }

    /** RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050; seconds, no fraction, Zulu. */
    static byte[] time(Instant instant) {
        ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
        if (utc.getYear() >= 1950 && utc.getYear() < 2050) {
            return tlv(0x17, UTC_TIME.format(utc).getBytes(StandardCharsets.US_ASCII));
        }
        return tlv(0x18, GENERALIZED_TIME.format(utc).getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code [n] EXPLICIT}: the whole encoding of {@code content} inside a constructed context tag. */
    static byte[] explicit(int n, byte[] content) {
        return tlv(0xa0 | n, content);
    }

    /** {@code [n] IMPLICIT} of a primitive type: the value bytes under a context tag instead of the type's. */
    static byte[] implicitPrimitive(int n, byte[] value) {
        return tlv(0x80 | n, value);
    }

    static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else {   // long form: 0x80 | number of length bytes, then the length big-endian
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static void base128(ByteArrayOutputStream out, long arc) {
        for (int shift = (63 - Long.numberOfLeadingZeros(arc | 1)) / 7 * 7; shift > 0; shift -= 7) {
            out.write((int) ((arc >>> shift) & 0x7f) | 0x80);
        }
        out.write((int) (arc & 0x7f));
    }
}
