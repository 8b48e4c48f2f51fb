package dev.wsf.runtime.conformance;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.DataFormatException;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A WebSocket client that runs one Autobahn case against a server over a real socket, and judges
 * the outcome the way Autobahn's fuzzing client does.
 *
 * <p>It behaves like Autobahn's client with {@code failByDrop = false}: it masks every frame,
 * writes exactly the octets a case asks for (including invalid ones) in the pieces and with the
 * pauses the case asks for, validates what the server sends as a strict client would, answers
 * pings, replies to a close frame with 1000, fails the connection itself (1002/1007, or 1001 when
 * a case's own time runs out) by starting the close handshake, waits one second for a close reply
 * and one second for the server to drop TCP after the handshake, and records the same facts:
 * who closed first ({@code closedByMe}), whether it had to fail or drop the connection
 * ({@code failedByMe}, {@code droppedByMe}), whether the close was clean, and the server's close
 * code.
 *
 * <p>Over TLS ({@code wss://}) the same octets go through an {@link SSLSocket} that verifies the
 * server as a browser would: a context trusting only the test CA, endpoint identification HTTPS
 * and SNI for the name {@value #TLS_HOST}, while the TCP connection goes to the address given.
 * Nothing the verdicts rest on changes: they come from WebSocket frames and from the end of the
 * server's stream, and the end of a TLS stream (the server's close_notify, or TCP's end without
 * it) is seen the way a plain socket's end is, as the reader's end of input or an exception.
 * The fuzzer never half-closes; closing the socket sends our close_notify and then ends TCP.
 *
 * <p>Threads: everything a case does, and every octet the server sent, is handled on one reactor
 * thread, as in Autobahn's single-threaded reactor; a second thread only reads the socket.
 */
final class Fuzzer {
    enum State { CONNECTING, OPEN, CLOSING, CLOSED }

    /** What a case expects of the connection's end (Autobahn's {@code expectedClose}). */
    record ExpectedClose(boolean closedByMe, List<Integer> codes, boolean requireClean, boolean wrongEndpointIsFatal) {
    }

    static final int NORMAL = 1000;
    static final int GOING_AWAY = 1001;
    static final int PROTOCOL_ERROR = 1002;
    static final int INVALID_PAYLOAD = 1007;

    private static final long CLOSE_HANDSHAKE_TIMEOUT_MS = 1000;
    private static final long SERVER_DROP_TIMEOUT_MS = 1000;
    private static final long QUEUED_WRITE_DELAY_NANOS = 10_000;
    private static final Set<Integer> ALLOWED_CLOSE_CODES = Set.of(1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010,
            1011, 1012, 1013, 1014);
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    /** The name a TLS run verifies the server's certificate for, and sends as SNI. */
    static final String TLS_HOST = "localhost";

    final FuzzCase fuzzCase;
    private final FuzzCase.Script script;
    /** The client context for {@code wss://}, trusting the server's CA; null for plain TCP. */
    private final SSLContext tls;

    // ---- the case's view (Autobahn's Case) ----
    final List<Event> received = new ArrayList<>();
    final Map<Outcome, List<Event>> expected = new LinkedHashMap<>();
    ExpectedClose expectedClose = new ExpectedClose(true, List.of(NORMAL), true, false);
    Outcome behavior = Outcome.FAILED;
    Outcome behaviorClose = Outcome.FAILED;
    String result = "Actual events differ from any expected.";
    String resultClose = "TCP connection was dropped without close handshake";

    // ---- the connection (Autobahn's protocol) ----
    volatile State state = State.CONNECTING;
    boolean connectionWasOpen;
    boolean closedByMe;
    boolean failedByMe;
    boolean droppedByMe;
    boolean wasClean;
    String wasNotCleanReason;
    Integer localCloseCode;
    Integer remoteCloseCode;
    String remoteCloseReason;
    /** The first thing the server sent that a strict client rejects, if any. */
    String violation;
    /** Frames the fuzzer wrote, by opcode. */
    final int[] txFrames = new int[16];
    /** Data frames per message the server sent, for the report. */
    int rxDataFrames;
    /** Zero: messages go in one frame; else {@link #sendMessage} splits them into frames of this size. */
    int autoFragmentSize;
    ClientDeflate deflate;
    String responseHead = "";
    /** Over TLS: the protocol and cipher suite the handshake settled, e.g. "TLSv1.3 TLS_AES_128_GCM_SHA256". */
    String tlsParameters;
    long startNanos;
    long endNanos;

    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private final ScheduledExecutorService reactor;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private ScheduledFuture<?> closeHandshakeTimer;
    private final ArrayDeque<byte[]> sendQueue = new ArrayDeque<>();
    private boolean triggered;
    private boolean lost;

    // incoming frames
    private byte[] buf = new byte[64 * 1024];
    private int bufStart;
    private int bufEnd;
    private boolean insideMessage;
    private boolean messageCompressed;
    private boolean messageBinary;
    private boolean messageText;
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();

    // a frame written in parts (6.4.3, 6.4.4)
    private int partMask;
    private long partOffset;

    private Fuzzer(FuzzCase fuzzCase, SSLContext tls) {
        this.fuzzCase = fuzzCase;
        this.tls = tls;
        this.script = fuzzCase.script.get();
        this.reactor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fuzzer-" + fuzzCase.id);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code c} against the server at {@code server} and returns the finished run, verdicts set. */
    static Fuzzer run(FuzzCase c, InetSocketAddress server) {
        return run(c, server, null);
    }

    /**
     * Runs {@code c} over TLS when {@code tls} is given: the handshake verifies the server's
     * certificate against {@code tls}'s trust and the name {@value #TLS_HOST}.
     */
    static Fuzzer run(FuzzCase c, InetSocketAddress server, SSLContext tls) {
        Fuzzer f = new Fuzzer(c, tls);
        f.execute(server);
        return f;
    }

    /** Whether this run went over TLS. */
    boolean overTls() {
        return tls != null;
    }

    // ======================================================================================
    // what cases call (all on the reactor thread)
    // ======================================================================================

    /** Sets the events that earn {@code outcome}. */
    void expect(Outcome outcome, Event... events) {
        expected.put(outcome, List.of(events));
    }

    void expectClose(boolean byMe, boolean requireClean, Integer... codes) {
        expectedClose = new ExpectedClose(byMe, List.of(codes), requireClean, false);
    }

    /** As {@link #expectClose}, and a close started by the wrong side fails the case (UTF-8 cases). */
    void expectCloseFatal(boolean byMe, boolean requireClean, Integer... codes) {
        expectedClose = new ExpectedClose(byMe, List.of(codes), requireClean, true);
    }

    /** Records an event and starts the close handshake once every expectation is met (Autobahn's finishWhenDone). */
    void record(Event e) {
        received.add(e);
        for (List<Event> events : expected.values()) {
            if (!received.equals(events)) {
                return;
            }
        }
        if (expectedClose.closedByMe() && !fuzzCase.suppressClose) {
            sendClose(expectedClose.codes().get(0), null);
        }
    }

    /** Writes one frame as specified. */
    void send(FrameSpec s) {
        byte[] payload = s.effectivePayload();
        txFrames[s.opcode & 0xF]++;
        sendData(encode(s.opcode, s.fin, s.rsv, payload), s.sync, s.chop);
    }

    /**
     * Sends a message as Autobahn's {@code sendMessage} does: compressed when permessage-deflate
     * was agreed, then split into frames of {@code fragmentSize} (or the auto-fragment size) when
     * longer than that, the last frame being empty when the length divides evenly.
     */
    void sendMessage(byte[] payload, boolean binary, int fragmentSize) {
        int opcode = binary ? FrameSpec.BINARY : FrameSpec.TEXT;
        int rsv = 0;
        if (deflate != null) {
            payload = deflate.compress(payload);
            rsv = 4;
        }
        int size = fragmentSize > 0 ? fragmentSize : autoFragmentSize;
        if (size <= 0 || payload.length <= size) {
            send(FrameSpec.of(opcode).payload(payload).rsv(rsv));
            return;
        }
        int n = payload.length;
        int i = 0;
        boolean first = true;
        boolean last = false;
        while (!last) {
            int j = i + size;
            if (j > n) {
                last = true;
                j = n;
            }
            byte[] part = Arrays.copyOfRange(payload, i, j);
            send(first ? FrameSpec.of(opcode).payload(part).fin(last).rsv(rsv)
                    : FrameSpec.of(FrameSpec.CONTINUATION).payload(part).fin(last));
            first = false;
            i += size;
        }
    }

    void sendMessage(byte[] payload, boolean binary) {
        sendMessage(payload, binary, 0);
    }

    /** Starts one frame whose payload follows in parts ({@link #sendFramePart}), each written at once. */
    void beginFrame(int opcode, int length) {
        txFrames[opcode]++;
        partMask = ThreadLocalRandom.current().nextInt();
        partOffset = 0;
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        writeHeader(h, opcode, true, 0, length, partMask);
        sendData(h.toByteArray(), false, 0);
    }

    void sendFramePart(byte[] data) {
        byte[] masked = data.clone();
        for (int i = 0; i < masked.length; i++, partOffset++) {
            masked[i] ^= (byte) (partMask >> (24 - 8 * (int) (partOffset & 3)));
        }
        sendData(masked, false, 0);
    }

    /** Starts the close handshake (Autobahn's {@code sendClose}); ignored unless open. */
    void sendClose(Integer code, String reason) {
        sendCloseFrame(code, reason == null ? null : reason.getBytes(StandardCharsets.UTF_8), false);
    }

    /** Sends a close frame with any code and reason octets (Autobahn's {@code sendCloseFrame}). */
    void sendCloseFrame(Integer code, byte[] reason) {
        sendCloseFrame(code, reason, false);
    }

    /** After {@code seconds}, fails the connection (1001) if it is not closed yet. */
    void killAfter(double seconds) {
        later(seconds, () -> failConnection(GOING_AWAY, "Going Away"));
    }

    /** After {@code seconds}, starts the close handshake (no status code) if not closed yet. */
    void closeAfter(double seconds) {
        later(seconds, () -> sendCloseFrame(null, null, false));
    }

    /** After {@code seconds}, runs {@code next} if the connection is not closed yet. */
    void continueLater(double seconds, Runnable next) {
        later(seconds, next);
    }

    // ======================================================================================
    // running a case
    // ======================================================================================

    private void execute(InetSocketAddress server) {
        try {
            try {
                handshake(server);
            } catch (IOException | RuntimeException e) {
                result = "opening handshake failed: " + e.getMessage();
                state = State.CLOSED;
                evaluate();
                return;
            }
            Thread reader = new Thread(this::readLoop, "fuzzer-reader-" + fuzzCase.id);
            reader.setDaemon(true);
            reader.start();
            post(() -> {
                state = State.OPEN;
                connectionWasOpen = true;
                startNanos = System.nanoTime();
                script.onOpen(this);
            });
            try {
                done.get(fuzzCase.limitSeconds, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                post(() -> {
                    wasNotCleanReason = "the case did not end within " + fuzzCase.limitSeconds + " s";
                    dropConnection();
                });
                done.get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("case " + fuzzCase.id + " did not finish", e);
        } finally {
            reactor.shutdownNow();
            closeSocket();
            if (deflate != null) {
                deflate.close();
            }
        }
    }

    private void handshake(InetSocketAddress server) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(server, 5000);
        socket.setSoTimeout(10_000);
        if (tls != null) {
            socket = startTls(socket, server.getPort());
        }
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        String host = tls == null ? server.getHostString() : TLS_HOST;
        StringBuilder req = new StringBuilder()
                .append("GET / HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(server.getPort()).append("\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n")
                .append("User-Agent: wsf-conformance-fuzzer\r\n");
        if (!fuzzCase.offers.isEmpty()) {
            req.append("Sec-WebSocket-Extensions: ").append(ClientDeflate.header(fuzzCase.offers)).append("\r\n");
        }
        out.write(req.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();

        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed during the opening handshake: " + head);
            }
            head.write(b);
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
            if (head.size() > 16 * 1024) {
                throw new IOException("response head too long");
            }
        }
        responseHead = head.toString(StandardCharsets.ISO_8859_1);
        String[] lines = responseHead.split("\r\n");
        if (!lines[0].startsWith("HTTP/1.1 101")) {
            throw new IOException("the server answered " + lines[0]);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
        }
        if (!acceptFor(key).equals(headers.get("sec-websocket-accept"))) {
            throw new IOException("wrong Sec-WebSocket-Accept: " + headers.get("sec-websocket-accept"));
        }
        String extensions = headers.get("sec-websocket-extensions");
        if (fuzzCase.offers.isEmpty() && extensions != null) {
            throw new IOException("the server accepted an extension that was not offered: " + extensions);
        }
        deflate = ClientDeflate.fromResponse(extensions);
        socket.setSoTimeout(0);
    }

    /** Layers TLS over the connected {@code tcp}, verifying the server's certificate, and shakes hands. */
    private Socket startTls(Socket tcp, int port) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(tcp, TLS_HOST, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setServerNames(List.of(new SNIHostName(TLS_HOST)));
        ssl.setSSLParameters(parameters);
        ssl.startHandshake();
        tlsParameters = ssl.getSession().getProtocol() + " " + ssl.getSession().getCipherSuite();
        return ssl;
    }

    private static String acceptFor(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void readLoop() {
        byte[] chunk = new byte[64 * 1024];
        try {
            while (true) {
                int n = in.read(chunk);
                if (n < 0) {
                    break;
                }
                byte[] copy = Arrays.copyOf(chunk, n);
                post(() -> onBytes(copy));
            }
        } catch (IOException | RejectedExecutionException e) {
            // reset or closed by us: the connection is gone either way
        }
        try {
            post(this::connectionLost);
        } catch (RejectedExecutionException e) {
            // the run is over
        }
    }

    private void post(Runnable task) {
        reactor.execute(() -> guarded(task));
    }

    private void later(double seconds, Runnable task) {
        if (lost) {
            return;
        }
        timers.add(reactor.schedule(() -> guarded(() -> {
            if (state != State.CLOSED) {
                task.run();
            }
        }), (long) (seconds * 1_000_000_000L), TimeUnit.NANOSECONDS));
    }

    private void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            if (result.startsWith("Actual")) {
                result = "fuzzer error: " + e;
            }
            wasNotCleanReason = "fuzzer error: " + e;
            dropConnection();
            behavior = Outcome.FAILED;
            done.completeExceptionally(e);
        }
    }

    // ======================================================================================
    // sending
    // ======================================================================================

    private static byte[] encode(int opcode, boolean fin, int rsv, byte[] payload) {
        int mask = ThreadLocalRandom.current().nextInt();
        ByteArrayOutputStream o = new ByteArrayOutputStream(payload.length + 14);
        writeHeader(o, opcode, fin, rsv, payload.length, mask);
        byte[] body = payload.clone();
        for (int i = 0; i < body.length; i++) {
            body[i] ^= (byte) (mask >> (24 - 8 * (i & 3)));
        }
        o.writeBytes(body);
        return o.toByteArray();
    }

    private static void writeHeader(ByteArrayOutputStream o, int opcode, boolean fin, int rsv, long length, int mask) {
        o.write((fin ? 0x80 : 0) | (rsv & 7) << 4 | (opcode & 0xF));
        if (length < 126) {
            o.write(0x80 | (int) length);
        } else if (length <= 0xFFFF) {
            o.write(0x80 | 126);
            o.write((int) (length >> 8));
            o.write((int) length);
        } else {
            o.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                o.write((int) (length >> shift));
            }
        }
        for (int shift = 24; shift >= 0; shift -= 8) {
            o.write(mask >> shift);
        }
    }

    /** Autobahn's {@code sendData}: chopped or synced writes queue up and go out one per reactor turn. */
    private void sendData(byte[] data, boolean sync, int chop) {
        if (chop > 0) {
            int n = data.length;
            int i = 0;
            boolean last = false;
            while (!last) {
                int j = i + chop;
                if (j >= n) {
                    last = true;
                    j = n;
                }
                sendQueue.add(Arrays.copyOfRange(data, i, j));
                i += chop;
            }
            trigger();
        } else if (sync || !sendQueue.isEmpty()) {
            sendQueue.add(data);
            trigger();
        } else {
            write(data);
        }
    }

    private void trigger() {
        if (!triggered) {
            triggered = true;
            sendQueued();
        }
    }

    private void sendQueued() {
        byte[] next = sendQueue.poll();
        if (next == null) {
            triggered = false;
            return;
        }
        if (state != State.CLOSED) {
            write(next);
        }
        try {
            reactor.schedule(() -> guarded(this::sendQueued), QUEUED_WRITE_DELAY_NANOS, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // the run is over
        }
    }

    private void write(byte[] data) {
        if (state == State.CLOSED) {
            return;
        }
        try {
            out.write(data);
            out.flush();
        } catch (IOException e) {
            // the reader thread reports the connection as lost
        }
    }

    private void sendCloseFrame(Integer code, byte[] reason, boolean isReply) {
        if (state != State.OPEN) {
            return;
        }
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        if (code != null) {
            p.write(code >> 8);
            p.write(code);
        }
        if (reason != null) {
            p.writeBytes(reason);
        }
        send(FrameSpec.of(FrameSpec.CLOSE).payload(p.toByteArray()));
        state = State.CLOSING;
        closedByMe = !isReply;
        localCloseCode = code;
        if (closedByMe) {
            closeHandshakeTimer = reactor.schedule(() -> guarded(() -> {
                if (state != State.CLOSED) {
                    wasClean = false;
                    wasNotCleanReason = "the peer did not answer our close within 1 s";
                    dropConnection();
                }
            }), CLOSE_HANDSHAKE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void failConnection(int code, String reason) {
        if (state == State.CLOSED) {
            return;
        }
        failedByMe = true;
        if (state != State.CLOSING) {
            byte[] r = reason.getBytes(StandardCharsets.UTF_8);
            sendCloseFrame(code, Arrays.copyOf(r, Math.min(r.length, 123)), false);
        } else {
            dropConnection();
        }
    }

    private void protocolViolation(String what) {
        if (violation == null) {
            violation = what;
        }
        failConnection(PROTOCOL_ERROR, what);
    }

    private void invalidPayload(String what) {
        if (violation == null) {
            violation = what;
        }
        failConnection(INVALID_PAYLOAD, what);
    }

    private void dropConnection() {
        if (state == State.CLOSED) {
            connectionLost();
            return;
        }
        droppedByMe = true;
        state = State.CLOSED;
        closeSocket();
        connectionLost();
    }

    private void closeSocket() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException e) {
            // nothing to do
        }
    }

    // ======================================================================================
    // receiving
    // ======================================================================================

    private void onBytes(byte[] data) {
        if (state == State.CLOSED) {
            return;
        }
        if (buf.length - bufEnd < data.length) {
            int live = bufEnd - bufStart;
            if (buf.length < live + data.length) {
                buf = Arrays.copyOfRange(buf, bufStart, bufStart + Math.max(buf.length * 2, live + data.length));
            } else {
                System.arraycopy(buf, bufStart, buf, 0, live);
            }
            bufStart = 0;
            bufEnd = live;
        }
        System.arraycopy(data, 0, buf, bufEnd, data.length);
        bufEnd += data.length;
        while (state != State.CLOSED && parseFrame()) {
            // next frame
        }
    }

    /** Parses and handles one whole frame; false when more octets are needed. */
    private boolean parseFrame() {
        int avail = bufEnd - bufStart;
        if (avail < 2) {
            return false;
        }
        int b0 = buf[bufStart] & 0xFF;
        int b1 = buf[bufStart + 1] & 0xFF;
        boolean fin = (b0 & 0x80) != 0;
        int rsv = (b0 >> 4) & 7;
        int opcode = b0 & 0xF;
        boolean masked = (b1 & 0x80) != 0;
        int len1 = b1 & 0x7F;
        int headerLength = 2 + (len1 == 126 ? 2 : len1 == 127 ? 8 : 0) + (masked ? 4 : 0);
        if (avail < headerLength) {
            return false;
        }
        long length = len1;
        if (len1 == 126) {
            length = ((buf[bufStart + 2] & 0xFF) << 8) | (buf[bufStart + 3] & 0xFF);
        } else if (len1 == 127) {
            length = ByteBuffer.wrap(buf, bufStart + 2, 8).getLong();
        }
        if (length < 0 || length > 256L * 1024 * 1024) {
            protocolViolation("frame length " + length + " is out of range");
            dropConnection();
            return false;
        }
        if (avail < headerLength + length) {
            return false;
        }
        // The checks of Autobahn's client, in its order; like it, we go on with the frame afterwards.
        if (rsv != 0 && !(deflate != null && rsv == 4)) {
            protocolViolation("RSV = " + rsv + " and no extension negotiated");
        }
        if (masked) {
            protocolViolation("masked server-to-client frame");
        }
        if (opcode > 7) {
            if (!fin) {
                protocolViolation("fragmented control frame");
            }
            if (length > 125) {
                protocolViolation("control frame with payload length > 125 octets");
            }
            if (opcode != 8 && opcode != 9 && opcode != 10) {
                protocolViolation("control frame using reserved opcode " + opcode);
            }
            if (opcode == 8 && length == 1) {
                protocolViolation("received close control frame with payload len 1");
            }
            if (deflate != null && rsv == 4) {
                protocolViolation("received compressed control frame");
            }
        } else {
            if (opcode > 2) {
                protocolViolation("data frame using reserved opcode " + opcode);
            }
            if (!insideMessage && opcode == 0) {
                protocolViolation("received continuation data frame outside fragmented message");
            }
            if (insideMessage && opcode != 0) {
                protocolViolation("received non-continuation data frame while inside fragmented message");
            }
            if (deflate != null && rsv == 4 && insideMessage) {
                protocolViolation("received continuation data frame with compress bit set");
            }
        }
        if (len1 == 126 && length < 126 || len1 == 127 && length < 65536) {
            protocolViolation("invalid data frame length (not using minimal length encoding)");
        }
        int payloadStart = bufStart + headerLength;
        byte[] payload = Arrays.copyOfRange(buf, payloadStart, payloadStart + (int) length);
        if (masked) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= buf[bufStart + headerLength - 4 + (i & 3)];
            }
        }
        bufStart = payloadStart + (int) length;
        if (bufStart == bufEnd) {
            bufStart = 0;
            bufEnd = 0;
        }
        if (opcode > 7) {
            onControlFrame(opcode, payload);
        } else {
            onDataFrame(opcode, fin, rsv, payload);
        }
        return true;
    }

    private void onDataFrame(int opcode, boolean fin, int rsv, byte[] payload) {
        if (!insideMessage) {
            insideMessage = true;
            messageCompressed = deflate != null && rsv == 4;
            messageBinary = opcode == FrameSpec.BINARY;
            messageText = opcode == FrameSpec.TEXT;
            message.reset();
            rxDataFrames = 0;
            if (messageCompressed) {
                deflate.startMessage();
            }
        }
        rxDataFrames++;
        try {
            if (messageCompressed) {
                deflate.inflate(payload, 0, payload.length);
            } else {
                message.writeBytes(payload);
            }
            if (!fin) {
                return;
            }
            insideMessage = false;
            byte[] whole = messageCompressed ? deflate.endMessage() : message.toByteArray();
            if (messageText && !isValidUtf8(whole)) {
                invalidPayload("invalid UTF-8 in a text message");
                return;
            }
            if (!failedByMe) {
                script.onMessage(this, whole, messageBinary);
            }
        } catch (DataFormatException e) {
            insideMessage = false;
            invalidPayload("invalid compressed data: " + e.getMessage());
        }
    }

    private void onControlFrame(int opcode, byte[] payload) {
        switch (opcode) {
            case FrameSpec.CLOSE -> onCloseFrame(payload);
            case FrameSpec.PING -> {
                if (state == State.OPEN) {
                    send(FrameSpec.of(FrameSpec.PONG).payload(payload));
                }
            }
            case FrameSpec.PONG -> script.onPong(this, payload);
            default -> { } // reserved: already reported
        }
    }

    private void onCloseFrame(byte[] payload) {
        Integer code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : null;
        byte[] reason = payload.length > 2 ? Arrays.copyOfRange(payload, 2, payload.length) : null;
        remoteCloseCode = null;
        remoteCloseReason = null;
        if (code != null && (code < 1000 || code <= 2999 && !ALLOWED_CLOSE_CODES.contains(code) || code >= 5000)) {
            protocolViolation("invalid close code " + code);
            remoteCloseCode = NORMAL;
        } else {
            remoteCloseCode = code;
        }
        if (reason != null) {
            if (!isValidUtf8(reason)) {
                invalidPayload("invalid close reason (non-UTF8 payload)");
            } else {
                remoteCloseReason = new String(reason, StandardCharsets.UTF_8);
            }
        }
        switch (state) {
            case CLOSING -> {
                if (closeHandshakeTimer != null) {
                    closeHandshakeTimer.cancel(false);
                }
                wasClean = true;
                timers.add(reactor.schedule(() -> guarded(() -> {
                    if (state != State.CLOSED) {
                        wasClean = false;
                        wasNotCleanReason = "the server did not drop the TCP connection within 1 s";
                        dropConnection();
                    }
                }), SERVER_DROP_TIMEOUT_MS, TimeUnit.MILLISECONDS));
            }
            case OPEN -> {
                wasClean = true;
                sendCloseFrame(NORMAL, null, true);
            }
            default -> wasClean = false;
        }
    }

    private void connectionLost() {
        if (lost) {
            return;
        }
        lost = true;
        state = State.CLOSED;
        endNanos = System.nanoTime();
        timers.forEach(t -> t.cancel(false));
        if (closeHandshakeTimer != null) {
            closeHandshakeTimer.cancel(false);
        }
        if (!wasClean && wasNotCleanReason == null && !droppedByMe) {
            wasNotCleanReason = "the server dropped the TCP connection without a closing handshake";
        }
        evaluate();
        script.afterConnectionLost(this);
        done.complete(null);
    }

    /** Autobahn's verdict: the events against each expectation, then how the connection ended. */
    private void evaluate() {
        for (Map.Entry<Outcome, List<Event>> e : expected.entrySet()) {
            if (received.equals(e.getValue())) {
                behavior = e.getKey();
                result = "Actual events match at least one expected.";
                break;
            }
        }
        if (!connectionWasOpen) {
            behaviorClose = Outcome.FAILED;
            resultClose = "The WebSocket opening handshake was never completed!";
            return;
        }
        ExpectedClose x = expectedClose;
        if (x.closedByMe() != closedByMe) {
            behaviorClose = Outcome.FAILED;
            resultClose = "The connection was failed by the wrong endpoint";
        } else if (x.requireClean() && !wasClean) {
            behaviorClose = Outcome.UNCLEAN;
            resultClose = "The spec requires the connection to be failed cleanly here";
        } else if (remoteCloseCode != null && !x.codes().contains(remoteCloseCode)) {
            behaviorClose = Outcome.WRONG_CODE;
            resultClose = "The close code should have been " + x.codes() + " or empty";
        } else if (droppedByMe) {
            behaviorClose = Outcome.FAILED_BY_CLIENT;
            resultClose = "It is preferred that the server close the TCP connection";
        } else {
            behaviorClose = Outcome.OK;
            resultClose = "Connection was properly closed";
        }
        if (x.wrongEndpointIsFatal() && x.closedByMe() != closedByMe) {
            behavior = Outcome.FAILED;
        }
    }

    static boolean isValidUtf8(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Milliseconds from the open to the end of the connection. */
    long durationMillis() {
        return startNanos == 0 ? 0 : (endNanos - startNanos) / 1_000_000;
    }

    /** Whether the case passes our bar: both verdicts OK, or INFORMATIONAL where the case only informs. */
    boolean passed() {
        return behavior.passes() && behaviorClose.passes();
    }

    String summary() {
        return fuzzCase.id + ": " + behavior + " / close " + behaviorClose + " (remote close code " + remoteCloseCode
                + ", closedByMe=" + closedByMe + ", failedByMe=" + failedByMe + ", droppedByMe=" + droppedByMe
                + ", wasClean=" + wasClean + (wasNotCleanReason == null ? "" : " [" + wasNotCleanReason + "]")
                + (violation == null ? "" : ", client saw: " + violation) + ")\n  " + result + "\n  " + resultClose
                + "\n  received: " + received + "\n  expected: " + expected;
    }
}
