package dev.wsf.runtime.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsf.api.Role;
import dev.wsf.api.extension.Opcode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameEncoderTest {

    private static String hex(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return HexFormat.of().formatHex(a);
    }

    @Test
    void rfcExamples() {
        ByteBuffer hello = ByteBuffer.wrap("Hello".getBytes(StandardCharsets.US_ASCII));
        assertEquals("810548656c6c6f", hex(FrameEncoder.frame(Opcode.TEXT, true, 0, hello, false, 0)));
        assertEquals("818537fa213d7f9f4d5158", hex(FrameEncoder.frame(Opcode.TEXT, true, 0, hello, true, 0x37fa213d)));
        assertEquals(5, hello.remaining(), "the payload buffer is left as it was");
        assertEquals("017f9f4d5158".substring(0, 2), hex(FrameEncoder.header(Opcode.TEXT, false, 0, 3)).substring(0, 2));
        // 256 bytes binary: 16-bit length; 64 KiB: 64-bit length.
        assertEquals("827e0100", hex(FrameEncoder.header(Opcode.BINARY, true, 0, 256)));
        assertEquals("827f0000000000010000", hex(FrameEncoder.header(Opcode.BINARY, true, 0, 65536)));
        assertEquals("c17e", hex(FrameEncoder.header(Opcode.TEXT, true, 4, 126)).substring(0, 4));
    }

    @Test
    void roundTripsThroughTheParser() {
        for (int len : new int[] {0, 125, 126, 65535, 65536}) {
            ByteBuffer payload = ByteBuffer.allocate(len);
            ByteBuffer masked = FrameEncoder.frame(Opcode.BINARY, true, 0, payload, true, 0x11223344);
            RecordingListener server = new RecordingListener();
            new FrameParser(Role.SERVER, 1 << 20).parse(masked, server);
            assertEquals(List.of("BINARY fin len=" + len + " " + "00".repeat(len)), server.events);

            ByteBuffer plain = FrameEncoder.frame(Opcode.BINARY, true, 0, payload, false, 0);
            RecordingListener client = new RecordingListener();
            new FrameParser(Role.CLIENT, 1 << 20).parse(plain, client);
            assertEquals(server.events, client.events);
        }
    }
}
