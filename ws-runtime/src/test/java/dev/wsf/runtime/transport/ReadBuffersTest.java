package dev.wsf.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ReadBuffersTest {

    @Test
    void slicesOfAReadBufferAreRecognisedWhereverTheyStart() {
        ByteBuffer read = ReadBuffers.allocate(64 * 1024);
        try {
            assertTrue(ReadBuffers.contains(read));
            assertTrue(ReadBuffers.contains(read.slice(0, 1)));
            assertTrue(ReadBuffers.contains(read.slice(64 * 1024 - 1, 1)));
            assertTrue(ReadBuffers.contains(read.duplicate().position(30_000).slice().duplicate()));
            assertTrue(ReadBuffers.within(read, read.slice(17, 16_384)));
        } finally {
            ReadBuffers.release(read);
        }
        assertFalse(ReadBuffers.contains(read.slice(0, 1)), "released: no longer a read buffer");
    }

    @Test
    void heapBuffersNeverAre() {
        ByteBuffer read = ReadBuffers.allocate(1024);
        try {
            assertFalse(ReadBuffers.contains(ByteBuffer.allocate(16)));
            assertFalse(ReadBuffers.within(read, ByteBuffer.allocate(16)));
        } finally {
            ReadBuffers.release(read);
        }
    }
}
