package dev.wsf.runtime.tls;

import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of an ASN.1 DER reader to find the algorithm of a PKCS#8 key and the curve of a
 * SEC1 key: tag, definite length, children of a constructed value, object identifiers. Malformed
 * input is an {@link IllegalArgumentException} without any of the input in its message.
 */
final class DerReader {
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;

    /** One TLV: {@code tag}, and the value at {@code [offset, offset + length)} of {@code der}. */
    record Element(byte[] der, int tag, int offset, int length) {
        int end() {
            return offset + length;
        }

        /** The elements inside a constructed value (SEQUENCE, SET, a [n] tag). */
        List<Element> children() {
            List<Element> children = new ArrayList<>();
            for (int at = offset; at < end(); at = children.get(children.size() - 1).end()) {
                children.add(read(der, at, end()));
            }
            return children;
        }

        Element expect(int expectedTag, String what) {
            if (tag != expectedTag) {
                throw new IllegalArgumentException("malformed " + what + ": tag 0x" + Integer.toHexString(tag)
                        + " where 0x" + Integer.toHexString(expectedTag) + " was expected");
            }
            return this;
        }

        /** This OBJECT IDENTIFIER in dotted form, e.g. {@code 1.2.840.10045.2.1}. */
        String oid() {
            expect(OID, "object identifier");
            StringBuilder dotted = new StringBuilder();
            long arc = 0;
            boolean first = true;
            for (int i = offset; i < end(); i++) {
                if (arc > (Long.MAX_VALUE >> 7)) {
                    throw new IllegalArgumentException("malformed object identifier: an arc is too large");
                }
                arc = (arc << 7) | (der[i] & 0x7f);
                if ((der[i] & 0x80) == 0) {
                    if (first) {   // X.690 8.19.4: the first two arcs share one number
                        long top = Math.min(arc / 40, 2);
                        dotted.append(top).append('.').append(arc - top * 40);
                        first = false;
                    } else {
                        dotted.append('.').append(arc);
                    }
                    arc = 0;
                }
            }
            if (first || (der[end() - 1] & 0x80) != 0) {
                throw new IllegalArgumentException("malformed object identifier");
            }
            return dotted.toString();
        }
    }

    private DerReader() {
    }

    /** The single element that must fill {@code der} entirely. */
    static Element read(byte[] der) {
        Element e = read(der, 0, der.length);
        if (e.end() != der.length) {
            throw new IllegalArgumentException("malformed DER: " + (der.length - e.end()) + " bytes after the value");
        }
        return e;
    }

    private static Element read(byte[] der, int at, int limit) {
        if (limit - at < 2) {
            throw new IllegalArgumentException("malformed DER: truncated");
        }
        int tag = der[at] & 0xff;
        if ((tag & 0x1f) == 0x1f) {
            throw new IllegalArgumentException("malformed DER: multi-byte tags are not expected here");
        }
        int first = der[at + 1] & 0xff;
        int offset = at + 2;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int count = first & 0x7f;
            if (count == 0 || count > 4 || limit - offset < count) {   // 0: indefinite length, BER only
                throw new IllegalArgumentException("malformed DER: bad length");
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (der[offset++] & 0xff);
            }
        }
        if (length > limit - offset) {
            throw new IllegalArgumentException("malformed DER: a length runs past the end");
        }
        return new Element(der, tag, offset, (int) length);
    }
}
