package dev.wsf.runtime.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The DER reader and writer against encodings written out by hand from X.690. */
class DerTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void encodesObjectIdentifiersAsX690Says() {
        // rsaEncryption, as every PKCS#8 RSA key carries it: 06 09 2a 86 48 86 f7 0d 01 01 01
        assertEquals("06092a864886f70d010101", HEX.formatHex(DerWriter.oid("1.2.840.113549.1.1.1")));
        // secp384r1: 06 05 2b 81 04 00 22
        assertEquals("06052b81040022", HEX.formatHex(DerWriter.oid("1.3.132.0.34")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.840.10045.2.1", "1.3.101.112", "2.999.3", "0.9.2342.19200300.100.1.1"})
    void objectIdentifiersRoundTrip(String dotted) {
        assertEquals(dotted, DerReader.read(DerWriter.oid(dotted)).oid());
    }

    @Test
    void longFormLengthsRoundTrip() {
        byte[] value = new byte[300];
        byte[] der = DerWriter.octetString(value);
        assertArrayEquals(HEX.parseHex("0482012c"), Arrays.copyOf(der, 4));
        DerReader.Element e = DerReader.read(der);
        assertEquals(DerReader.OCTET_STRING, e.tag());
        assertEquals(300, e.length());
    }

    @Test
    void walksTheChildrenOfASequence() {
        byte[] der = DerWriter.sequence(DerWriter.smallInteger(0), DerWriter.oid("1.3.101.112"), DerWriter.nullValue());
        var children = DerReader.read(der).children();
        assertEquals(3, children.size());
        assertEquals("1.3.101.112", children.get(1).oid());
        assertEquals(0x05, children.get(2).tag());
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "3003020500", "3080020100", "300302010000", "0485ffffffffff", "0600", "06018f"})
    void refusesMalformedInput(String hex) {
        byte[] der = HEX.parseHex(hex);
        assertThrows(IllegalArgumentException.class, () -> {
            DerReader.Element e = DerReader.read(der);
            if (e.tag() == DerReader.OID) {
                e.oid();
            }
            e.children();
        });
    }
}
