package dev.wsf.runtime.tls;

import java.io.ByteArrayOutputStream;

/**
 * The few ASN.1 DER values needed to wrap a PKCS#1 or SEC1 key into a PKCS#8 PrivateKeyInfo:
 * SEQUENCE, small INTEGER, OBJECT IDENTIFIER, NULL, OCTET STRING.
 */
final class DerWriter {
    private DerWriter() {
    }

    static byte[] sequence(byte[]... elements) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] e : elements) {
            content.writeBytes(e);
        }
        return tlv(DerReader.SEQUENCE, content.toByteArray());
    }

    /** An INTEGER from 0 to 127, all a version field needs. */
    static byte[] smallInteger(int value) {
        if (value < 0 || value > 127) {
            throw new IllegalArgumentException("not a small integer: " + value);
        }
        return tlv(DerReader.INTEGER, new byte[] {(byte) value});
    }

    static byte[] nullValue() {
        return new byte[] {0x05, 0x00};
    }

    static byte[] octetString(byte[] value) {
        return tlv(DerReader.OCTET_STRING, value);
    }

    /** An OBJECT IDENTIFIER from its dotted form (X.690 8.19: base-128 arcs, the first two merged). */
    static byte[] oid(String dotted) {
        String[] parts = dotted.split("\\.");
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        base128(content, Long.parseLong(parts[0]) * 40 + Long.parseLong(parts[1]));
        for (int i = 2; i < parts.length; i++) {
            base128(content, Long.parseLong(parts[i]));
        }
        return tlv(DerReader.OID, content.toByteArray());
    }

    private static void base128(ByteArrayOutputStream out, long arc) {
        int shift = 63 - Long.numberOfLeadingZeros(arc | 1);
        for (int s = shift / 7 * 7; s > 0; s -= 7) {
            out.write((int) ((arc >>> s) & 0x7f) | 0x80);
        }
        out.write((int) (arc & 0x7f));
    }

    static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
