package dev.wsf.testkit.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The DER encoder against encodings worked out by hand from X.690 and RFC 5280. */
class DerTest {
    private static String hex(byte[] der) {
        return HexFormat.of().formatHex(der);
    }

    @Test
    void integersAreMinimalTwosComplement() {
        assertEquals("020100", hex(Der.integer(0)));
        assertEquals("02020080", hex(Der.integer(128)));            // a leading zero keeps it positive
        assertEquals("0201ff", hex(Der.integer(-1)));
        assertEquals("020900ffffffffffffffff", hex(Der.integer(new BigInteger("ffffffffffffffff", 16))));
    }

    @Test
    void timesSwitchFromUtcTimeToGeneralizedTimeIn2050() {
        assertEquals("170d3439313233313233353935395a", hex(Der.time(Instant.parse("2049-12-31T23:59:59.750Z"))));
        assertEquals("180f32303530303130313030303030305a", hex(Der.time(Instant.parse("2050-01-01T00:00:00Z"))));
    }

    @Test
    void keyUsageIsANamedBitStringWithoutTrailingZeros() {
        // keyCertSign (5) + cRLSign (6): 0000 0110, 1 unused bit; the extension's value is 03 02 01 06.
        String caUsage = hex(Extensions.keyUsage(Extensions.KEY_CERT_SIGN, Extensions.CRL_SIGN));
        assertEquals("300e0603551d0f0101ff040403020106", caUsage);
        // digitalSignature (0) alone: 1000 0000, 7 unused bits.
        assertEquals("03020780", hex(Der.bitString(new byte[] {(byte) 0x80}, 7)));
        String leafUsage = hex(Extensions.keyUsage(Extensions.DIGITAL_SIGNATURE));
        assertEquals("03020780", leafUsage.substring(leafUsage.length() - 8));
    }

    @Test
    void lengthsOver127UseTheLongForm() {
        assertEquals("0482012c", hex(Der.octetString(new byte[300])).substring(0, 8));
        assertEquals("0481ff", hex(Der.octetString(new byte[255])).substring(0, 6));
    }

    @Test
    void stringsAndIdentifiers() {
        assertEquals("06082a8648ce3d040302", hex(Der.oid("1.2.840.10045.4.3.2")));   // ecdsa-with-SHA256
        assertEquals("13026869", hex(Der.printableString("hi")));
        assertEquals("0c02c3a9", hex(Der.utf8String("é")));
        assertThrows(IllegalArgumentException.class, () -> Der.printableString("a@b"));
        assertEquals("a003020102", hex(Der.explicit(0, Der.integer(2))));
        assertEquals("3000", hex(Der.sequence()));
        assertEquals("0101ff", hex(Der.bool(true)));
    }
}
