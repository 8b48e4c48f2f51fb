package dev.wsf.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.runtime.io.MemoryAccount;
import dev.wsf.runtime.io.MemoryBudget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class WriteQueueTest {

    /** A socket that takes at most {@code budget} bytes per call, then fails once told to. */
    private static final class FakeSocket implements GatheringByteChannel {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        int budget;
        int calls;
        int failFromCall = Integer.MAX_VALUE;

        FakeSocket(int budget) {
            this.budget = budget;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            if (++calls >= failFromCall) {
                throw new IOException("connection reset");
            }
            long total = 0;
            for (int i = offset; i < offset + length && total < budget; i++) {
                int n = (int) Math.min(srcs[i].remaining(), budget - total);
                byte[] b = new byte[n];
                srcs[i].get(b);
                received.writeBytes(b);
                total += n;
            }
            return total;
        }

        @Override
        public long write(ByteBuffer[] srcs) throws IOException {
            return write(srcs, 0, srcs.length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return (int) write(new ByteBuffer[] {src}, 0, 1);
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private static ByteBuffer bytes(int n, int value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) value);
        return ByteBuffer.wrap(b);
    }

    @Test
    void writesInOrderAcrossPartialWritesAndCompletesOnlyWhatIsWritten() throws IOException {
        WriteQueue q = new WriteQueue(MemoryAccount.detached());
        CompletableFuture<Void> a = new CompletableFuture<>();
        CompletableFuture<Void> b = new CompletableFuture<>();
        q.add(bytes(3, 1), bytes(2, 2), a);
        q.add(bytes(4, 3), null, b);
        FakeSocket socket = new FakeSocket(6);
        assertEquals(6, q.writeTo(socket));
        WriteQueue.complete(q.takeWritten());
        assertTrue(a.isDone());
        assertFalse(b.isDone(), "one byte of b went out, three wait");
        assertEquals(3, q.bytes());
        socket.budget = 100;
        q.writeTo(socket);
        WriteQueue.complete(q.takeWritten());
        assertTrue(b.isDone());
        assertTrue(q.isEmpty());
        assertEquals("0101010202030303 03".replace(" ", ""), java.util.HexFormat.of().formatHex(socket.received.toByteArray()));
    }

    @Test
    void moreBuffersThanOneGatheringWriteHolds() throws IOException {
        WriteQueue q = new WriteQueue(MemoryAccount.detached());
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            futures.add(f);
            q.add(bytes(1, i), null, f);
        }
        FakeSocket socket = new FakeSocket(Integer.MAX_VALUE);
        assertEquals(200, q.writeTo(socket));
        assertTrue(socket.calls >= 4, "63 buffers per gathering write at most: " + socket.calls);
        WriteQueue.complete(q.takeWritten());
        assertTrue(futures.stream().allMatch(CompletableFuture::isDone));
    }

    @Test
    void smallBuffersAreWrittenAsOneAndAdvancedByWhatTheSocketTook() throws IOException {
        WriteQueue q = new WriteQueue(MemoryAccount.detached());
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            futures.add(f);
            q.add(bytes(30, i), bytes(4, 100 + i), f);
        }
        FakeSocket socket = new FakeSocket(100);
        assertEquals(100, q.writeTo(socket));
        assertEquals(1, socket.calls, "twenty small buffers left in one write");
        WriteQueue.complete(q.takeWritten());
        assertEquals(2, futures.stream().filter(CompletableFuture::isDone).count(), "34 bytes per entry: two whole");
        socket.budget = Integer.MAX_VALUE;
        q.writeTo(socket);
        WriteQueue.complete(q.takeWritten());
        assertTrue(futures.stream().allMatch(CompletableFuture::isDone));
        byte[] expected = new byte[340];
        for (int i = 0; i < 10; i++) {
            java.util.Arrays.fill(expected, i * 34, i * 34 + 30, (byte) i);
            java.util.Arrays.fill(expected, i * 34 + 30, i * 34 + 34, (byte) (100 + i));
        }
        assertEquals(java.util.HexFormat.of().formatHex(expected), java.util.HexFormat.of().formatHex(socket.received.toByteArray()));
    }

    @Test
    void anEmptyEntryCompletesOnceEverythingBeforeItIsWritten() throws IOException {
        WriteQueue q = new WriteQueue(MemoryAccount.detached());
        CompletableFuture<Void> marker = new CompletableFuture<>();
        q.add(bytes(10, 1), null, null);
        q.add(null, null, marker);
        q.writeTo(new FakeSocket(5));
        WriteQueue.complete(q.takeWritten());
        assertFalse(marker.isDone());
        q.writeTo(new FakeSocket(5));
        WriteQueue.complete(q.takeWritten());
        assertTrue(marker.isDone());
    }

    @Test
    void entriesWrittenBeforeAFailureStillComplete() {
        WriteQueue q = new WriteQueue(MemoryAccount.detached());
        CompletableFuture<Void> sent = new CompletableFuture<>();
        CompletableFuture<Void> lost = new CompletableFuture<>();
        q.add(bytes(70, 1), null, sent); // in the first gathering write
        for (int i = 0; i < 70; i++) {
            q.add(bytes(1, 2), null, null);
        }
        q.add(bytes(1, 3), null, lost); // in the second, which fails
        FakeSocket socket = new FakeSocket(Integer.MAX_VALUE);
        socket.failFromCall = 2;
        assertThrows(IOException.class, () -> q.writeTo(socket));
        WriteQueue.complete(q.takeWritten());
        WriteQueue.fail(q.clear(), new IOException("closed"));
        assertTrue(sent.isDone() && !sent.isCompletedExceptionally(), "written before the failure");
        assertTrue(lost.isCompletedExceptionally());
        assertEquals(0, q.bytes());
    }

    @Test
    void urgentEntriesGoAheadOfDataNotYetStartedInTheirOwnOrder() throws IOException {
        WriteQueue q = new WriteQueue(MemoryAccount.detached());
        q.add(bytes(2, 1), null, null);
        q.add(bytes(2, 2), null, null);
        q.addUrgent(bytes(1, 0xa), null);
        q.addUrgent(bytes(1, 0xb), null);
        FakeSocket socket = new FakeSocket(100);
        q.writeTo(socket);
        assertEquals("0a0b01010202", java.util.HexFormat.of().formatHex(socket.received.toByteArray()));
    }

    @Test
    void anEntryPartlyWrittenIsNeverSplitByAnUrgentOne() throws IOException {
        WriteQueue q = new WriteQueue(MemoryAccount.detached());
        q.add(bytes(4, 1), null, null);
        q.add(bytes(2, 2), null, null);
        FakeSocket socket = new FakeSocket(3);
        q.writeTo(socket); // three of the first four bytes are out
        q.addUrgent(bytes(1, 0xa), null);
        q.addUrgent(bytes(1, 0xb), null);
        socket.budget = 100;
        q.writeTo(socket);
        assertEquals("010101" + "01" + "0a0b" + "0202", java.util.HexFormat.of().formatHex(socket.received.toByteArray()));
    }

    @Test
    void discardingDropsOrdinaryEntriesNotStartedAndFailsTheirFutures() throws IOException {
        MemoryBudget budget = new MemoryBudget(1_000_000);
        WriteQueue q = new WriteQueue(budget.open(() -> { }));
        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture<Void> dropped = new CompletableFuture<>();
        CompletableFuture<Void> control = new CompletableFuture<>();
        q.add(bytes(4, 1), null, started);
        q.add(bytes(100, 2), null, dropped);
        FakeSocket socket = new FakeSocket(2);
        q.writeTo(socket);
        q.addUrgent(bytes(1, 0xc), control);
        WriteQueue.fail(q.discardOrdinary(), new IOException("discarded"));
        assertTrue(dropped.isCompletedExceptionally());
        assertFalse(started.isDone(), "half written: it stays, a frame cannot be cut");
        assertEquals(3, q.bytes(), "two bytes of the started entry and the urgent one");
        assertEquals(5, budget.used(), "the dropped entry left the budget; the started one is held whole until done");
        socket.budget = 100;
        q.writeTo(socket);
        WriteQueue.complete(q.takeWritten());
        assertTrue(started.isDone() && control.isDone());
        assertEquals("0101" + "0101" + "0c", java.util.HexFormat.of().formatHex(socket.received.toByteArray()));
        assertEquals(0, budget.used());
    }

    @Test
    void queuedBytesCountAgainstTheBudgetUntilWrittenOrCleared() throws IOException {
        MemoryBudget budget = new MemoryBudget(1_000_000);
        WriteQueue q = new WriteQueue(budget.open(() -> { }));
        q.add(bytes(10, 1), bytes(20, 2), null);
        q.addUrgent(bytes(5, 3), null);
        assertEquals(35, budget.used());
        q.writeTo(new FakeSocket(12));
        assertEquals(30, budget.used(), "the urgent entry is out; the other, half written, is still held whole");
        q.clear();
        assertEquals(0, budget.used());
    }

    @Test
    void aSharedFrameCostsAFixedOverheadNotItsSize() throws IOException {
        MemoryBudget budget = new MemoryBudget(1_000_000);
        WriteQueue q = new WriteQueue(budget.open(() -> { }));
        q.addShared(bytes(10_000, 1));
        assertEquals(WriteQueue.SHARED_COST, budget.used(), "its bytes exist once, for every queue that holds it");
        assertEquals(10_000, q.bytes(), "but the peer is still 10,000 bytes behind");
        q.writeTo(new FakeSocket(100_000));
        assertEquals(0, budget.used());
    }

    private static ByteBuffer direct(int n, int value) {
        ByteBuffer b = ByteBuffer.allocateDirect(n);
        while (b.hasRemaining()) {
            b.put((byte) value);
        }
        return b.flip();
    }

    private static byte[] expected(int... runs) { // pairs: length, value
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < runs.length; i += 2) {
            for (int k = 0; k < runs[i]; k++) {
                out.write(runs[i + 1]);
            }
        }
        return out.toByteArray();
    }

    @Test
    void stagedWritesKeepOrderAcrossHeapAndDirectBuffersAndPartialWrites() throws IOException {
        WriteQueue q = new WriteQueue(MemoryAccount.detached());
        CompletableFuture<Void> a = new CompletableFuture<>();
        CompletableFuture<Void> b = new CompletableFuture<>();
        q.add(bytes(4, 1), direct(3000, 2), a);
        q.add(bytes(2000, 3), bytes(5, 4), b);
        WriteStaging staging = new WriteStaging();
        FakeSocket socket = new FakeSocket(1000);
        for (int i = 0; i < 10 && !q.isEmpty(); i++) {
            q.writeTo(socket, true, staging);
        }
        WriteQueue.complete(q.takeWritten());
        assertTrue(a.isDone() && b.isDone());
        assertEquals(6, socket.calls, "1000 bytes per call");
        assertEquals(java.util.HexFormat.of().formatHex(expected(4, 1, 3000, 2, 2000, 3, 5, 4)),
                java.util.HexFormat.of().formatHex(socket.received.toByteArray()));
    }

    @Test
    void aHeapBufferLargerThanTheStagingGoesOutInPieces() throws IOException {
        WriteQueue q = new WriteQueue(MemoryAccount.detached());
        q.add(bytes(5, 1), bytes(WriteStaging.SIZE * 2 + 7, 2), null);
        q.add(bytes(3, 3), null, null);
        FakeSocket socket = new FakeSocket(Integer.MAX_VALUE);
        assertEquals(WriteStaging.SIZE * 2 + 15, q.writeTo(socket, true, new WriteStaging()));
        assertEquals(3, socket.calls, "a staging buffer's worth per write");
        assertEquals(java.util.HexFormat.of().formatHex(expected(5, 1, WriteStaging.SIZE * 2 + 7, 2, 3, 3)),
                java.util.HexFormat.of().formatHex(socket.received.toByteArray()));
    }

    @Test
    void borrowedPayloadsNotWrittenAreCopiedWhenDetached() throws IOException {
        WriteQueue q = new WriteQueue(MemoryAccount.detached());
        ByteBuffer readBuffer = direct(100, 7);
        q.addBorrowed(bytes(2, 1), readBuffer.duplicate(), null);
        q.addBorrowed(bytes(2, 3), readBuffer.duplicate(), null);
        FakeSocket socket = new FakeSocket(150);
        q.writeTo(socket, true, new WriteStaging());
        q.detachBorrowed();
        while (readBuffer.hasRemaining()) {
            readBuffer.put((byte) 9); // the loop reads into it again
        }
        socket.budget = Integer.MAX_VALUE;
        q.writeTo(socket, true, new WriteStaging());
        assertTrue(q.isEmpty());
        assertEquals(java.util.HexFormat.of().formatHex(expected(2, 1, 100, 7, 2, 3, 100, 7)),
                java.util.HexFormat.of().formatHex(socket.received.toByteArray()));
    }
}
