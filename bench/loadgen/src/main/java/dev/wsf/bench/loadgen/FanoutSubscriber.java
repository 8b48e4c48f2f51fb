package dev.wsf.bench.loadgen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One subscriber connection of the fan-out benchmark: connect, upgrade (offering
 * permessage-deflate if asked), then check every message the server publishes to it.
 *
 * <p>Frames are parsed in place in the run's shared read buffer; only a frame split across two
 * reads is copied, into a small buffer of this connection's own. A message counts when it is one
 * unmasked, final text frame (RSV1 only with permessage-deflate), carries the sequence number
 * this connection expects next, and matches what was published byte for byte
 * ({@link FanoutPayload#check}). Anything else fails the run.
 *
 * <p>Compressed messages are inflated and checked like plain ones. When the server promised
 * {@code server_no_context_takeover}, each message inflates on its own (the inflater is reset), so
 * a compressed payload equal to one already inflated and checked for the same sequence number on
 * another connection inflates to the same message: it counts without inflating again
 * ({@link FanoutLedger#verifiedCompressed}). A server keeping its compression context sends each
 * connection different bytes, and each is inflated in order on that connection's own inflater.
 */
final class FanoutSubscriber {

    enum State { CONNECTING, UPGRADING, OPEN }

    /** Compression the server chose for this connection. */
    enum Deflate {
        OFF("off"), SHARED("shared"), PER_CONNECTION("per-connection");

        final String label;

        Deflate(String label) {
            this.label = label;
        }
    }

    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};
    private static final int RSV1 = 0x40;

    private final SocketChannel channel;
    private final Handshake handshake;
    private ByteBuffer response = ByteBuffer.allocate(2048);
    private State state = State.CONNECTING;
    private Deflate deflate = Deflate.OFF;
    private Inflater inflater;
    private long nextSeq;
    /** A frame split across reads, gathered until whole. */
    private byte[] carry;
    private int carryLength;

    FanoutSubscriber(SocketChannel channel, Handshake handshake) {
        this.channel = channel;
        this.handshake = handshake;
    }

    SocketChannel channel() {
        return channel;
    }

    State state() {
        return state;
    }

    Deflate deflate() {
        return deflate;
    }

    String negotiated() {
        return handshake.negotiated();
    }

    /** The first sequence number this connection will receive. */
    void expectFrom(long seq) {
        nextSeq = seq;
    }

    /** Finishes the TCP connect and sends the upgrade request. */
    void onConnectable(SelectionKey key) throws IOException {
        if (!channel.finishConnect()) {
            return;
        }
        ByteBuffer request = handshake.request();
        channel.write(request);
        if (request.hasRemaining()) {
            throw new IOException("upgrade request did not fit in one write");
        }
        state = State.UPGRADING;
        key.interestOps(SelectionKey.OP_READ);
    }

    /** Reads the upgrade response; true once the connection is open. */
    boolean onUpgradeReadable(boolean offeredDeflate) throws IOException {
        if (channel.read(response) < 0) {
            throw new IOException("server closed the connection during the handshake");
        }
        response.flip();
        int head = handshake.check(response);
        if (head < 0) {
            response.position(response.limit()).limit(response.capacity());
            return false;
        }
        if (response.remaining() != head) {
            throw new IOException("unexpected bytes after the handshake response");
        }
        response = null;
        deflate = negotiate(handshake.negotiated(), offeredDeflate);
        state = State.OPEN;
        return true;
    }

    private static Deflate negotiate(String header, boolean offered) throws IOException {
        if (header.isEmpty()) {
            if (offered) {
                throw new IOException("server declined permessage-deflate");
            }
            return Deflate.OFF;
        }
        Deflate d = Deflate.PER_CONNECTION;
        String[] parts = header.split(";");
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim().toLowerCase(Locale.ROOT);
            String name = p.contains("=") ? p.substring(0, p.indexOf('=')).trim() : p;
            switch (name) {
                case "server_no_context_takeover" -> d = Deflate.SHARED;
                // We inflate with a 32 KiB window, which reads any smaller one; we send nothing compressed.
                case "client_no_context_takeover", "server_max_window_bits", "client_max_window_bits" -> { }
                default -> throw new IOException("unknown permessage-deflate parameter: " + p);
            }
        }
        return d;
    }

    /**
     * Checks the frames in {@code in} (what one read brought, flipped) and reports each message to
     * {@code ledger}, stamped {@code now}.
     */
    void consume(ByteBuffer in, FanoutLedger ledger, long now) throws IOException {
        if (carryLength > 0 && !finishCarried(in, ledger, now)) {
            return;
        }
        while (in.remaining() >= 2) {
            int p = in.position();
            int headerLength = headerLength(in.get(p + 1));
            if (in.remaining() < headerLength) {
                break;
            }
            int length = payloadLength(in.get(p + 1), in, p, ledger);
            if (in.remaining() < headerLength + length) {
                break;
            }
            int limit = in.limit();
            in.limit(p + headerLength + length).position(p + headerLength);
            message(in.get(p), in, ledger, now);
            in.limit(limit).position(p + headerLength + length);
        }
        if (in.hasRemaining()) {
            if (carry == null) {
                carry = new byte[ledger.maxFrame()];
            }
            carryLength = in.remaining();
            in.get(carry, 0, carryLength);
        }
    }

    /** Completes the carried frame from {@code in}; true once it is whole and handled. */
    private boolean finishCarried(ByteBuffer in, FanoutLedger ledger, long now) throws IOException {
        if (!gather(in, 2)) {
            return false;
        }
        int headerLength = headerLength(carry[1]);
        if (!gather(in, headerLength)) {
            return false;
        }
        int length = payloadLength(carry[1], ByteBuffer.wrap(carry), 0, ledger);
        if (!gather(in, headerLength + length)) {
            return false;
        }
        carryLength = 0;
        message(carry[0], ByteBuffer.wrap(carry, headerLength, length), ledger, now);
        return true;
    }

    /** Copies from {@code in} until the carry holds {@code want} bytes; true if it does. */
    private boolean gather(ByteBuffer in, int want) {
        int n = Math.min(want - carryLength, in.remaining());
        if (n > 0) {
            in.get(carry, carryLength, n);
            carryLength += n;
        }
        return carryLength >= want;
    }

    private static int headerLength(byte b1) throws IOException {
        if ((b1 & Frames.MASK) != 0) {
            throw new IOException("server frame is masked");
        }
        int len7 = b1 & 0x7F;
        return len7 == 126 ? 4 : len7 == 127 ? 10 : 2;
    }

    private static int payloadLength(byte b1, ByteBuffer b, int p, FanoutLedger ledger) throws IOException {
        int len7 = b1 & 0x7F;
        long length = len7 == 126 ? b.getShort(p + 2) & 0xFFFF : len7 == 127 ? b.getLong(p + 2) : len7;
        if (length < 0 || length + 10 > ledger.maxFrame()) {
            throw new IOException("frame of " + length + " bytes, longer than any message published");
        }
        return (int) length;
    }

    /** One whole frame: its first header byte, and its payload (position to limit). */
    private void message(byte b0, ByteBuffer payload, FanoutLedger ledger, long now) throws IOException {
        int op = b0 & 0x0F;
        if ((op & 0x8) != 0) {
            throw new IOException(op == Frames.OP_CLOSE ? "server closed a subscriber" : "unexpected control frame " + op);
        }
        if ((b0 & Frames.FIN) == 0 || op != Frames.OP_TEXT) {
            throw new IOException("expected one unfragmented text frame per message, got opcode " + op
                    + ((b0 & Frames.FIN) == 0 ? " without FIN" : ""));
        }
        boolean compressed = (b0 & RSV1) != 0;
        if ((b0 & 0x30) != 0 || compressed && deflate == Deflate.OFF) {
            throw new IOException("RSV bits set without a negotiated extension");
        }
        long seq = nextSeq;
        long t;
        if (!compressed) {
            t = ledger.payload().check(payload, seq);
            ledger.arrived(seq, t, now, null);
        } else if (deflate == Deflate.SHARED && ledger.verifiedCompressed(seq, payload)) {
            ledger.arrived(seq, ledger.publishedAt(seq), now, null);
        } else {
            ByteBuffer plain = inflate(payload, ledger);
            t = ledger.payload().check(plain, seq);
            ledger.arrived(seq, t, now, deflate == Deflate.SHARED ? payload : null);
        }
        nextSeq = seq + 1;
    }

    /** The message inflated into the ledger's scratch buffer (payload's position is kept). */
    private ByteBuffer inflate(ByteBuffer payload, FanoutLedger ledger) throws IOException {
        if (inflater == null) {
            inflater = new Inflater(true);
        } else if (deflate == Deflate.SHARED) {
            inflater.reset();
        }
        byte[] out = ledger.scratch();
        int n = 0;
        try {
            inflater.setInput(payload.duplicate());
            n = drain(out, n);
            inflater.setInput(TAIL);
            n = drain(out, n);
        } catch (DataFormatException e) {
            throw new IOException("compressed message does not inflate: " + e.getMessage(), e);
        }
        if (n >= out.length) {
            throw new IOException("compressed message inflates to more than was published");
        }
        return ByteBuffer.wrap(out, 0, n);
    }

    private int drain(byte[] out, int n) throws DataFormatException {
        while (n < out.length) {
            int got = inflater.inflate(out, n, out.length - n);
            if (got == 0) {
                break; // needs input (or, wrongly, a dictionary)
            }
            n += got;
        }
        return n;
    }

    /** Lets go of the native inflater. */
    void release() {
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
    }
}
