package dev.wsf.runtime.conformance;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The fuzzer's side of permessage-deflate (RFC 7692), on {@link java.util.zip}: the offers a case
 * makes, the server's response as the client reads it, and the client's compressor and
 * decompressor, which follow the negotiated context takeover and window sizes.
 */
final class ClientDeflate {
    private static final byte[] TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

    /**
     * One offer, in Autobahn's terms: whether the client lets the server ask it for no context
     * takeover ({@code client_no_context_takeover}) and for a window size
     * ({@code client_max_window_bits}), and what it asks of the server
     * ({@code server_no_context_takeover}, {@code server_max_window_bits}; 0 for none).
     */
    record Offer(boolean acceptNoContextTakeover, boolean acceptMaxWindowBits, boolean requestNoContextTakeover,
                 int requestMaxWindowBits) {

        /** The default offer: {@code permessage-deflate; client_no_context_takeover; client_max_window_bits}. */
        static Offer defaults() {
            return new Offer(true, true, false, 0);
        }

        static Offer requesting(boolean serverNoContextTakeover, int serverMaxWindowBits) {
            return new Offer(true, true, serverNoContextTakeover, serverMaxWindowBits);
        }

        String header() {
            StringBuilder sb = new StringBuilder("permessage-deflate");
            if (acceptNoContextTakeover) {
                sb.append("; client_no_context_takeover");
            }
            if (acceptMaxWindowBits) {
                sb.append("; client_max_window_bits");
            }
            if (requestNoContextTakeover) {
                sb.append("; server_no_context_takeover");
            }
            if (requestMaxWindowBits != 0) {
                sb.append("; server_max_window_bits=").append(requestMaxWindowBits);
            }
            return sb.toString();
        }

        @Override
        public String toString() {
            return "(" + requestNoContextTakeover + ", " + requestMaxWindowBits + ")";
        }
    }

    static String header(List<Offer> offers) {
        List<String> parts = new ArrayList<>();
        offers.forEach(o -> parts.add(o.header()));
        return String.join(", ", parts);
    }

    final String response;
    final boolean serverNoContextTakeover;
    final boolean clientNoContextTakeover;
    final int serverMaxWindowBits;
    final int clientMaxWindowBits;

    private Deflater deflater;
    private Inflater inflater;
    /** Used instead of {@link #inflater} when the server's window is below 15 bits, to hold it to that. */
    private WindowedInflater windowed;
    private final ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    private final ByteArrayOutputStream inflated = new ByteArrayOutputStream();
    private final byte[] buffer = new byte[64 * 1024];

    private ClientDeflate(String response, boolean serverNct, boolean clientNct, int serverBits, int clientBits) {
        this.response = response;
        this.serverNoContextTakeover = serverNct;
        this.clientNoContextTakeover = clientNct;
        this.serverMaxWindowBits = serverBits;
        this.clientMaxWindowBits = clientBits;
    }

    /**
     * Reads the server's {@code Sec-WebSocket-Extensions} response as the Autobahn client does:
     * any well-formed permessage-deflate response is accepted.
     *
     * @return null when the server accepted no extension
     * @throws IllegalArgumentException for anything else than one valid permessage-deflate element
     */
    static ClientDeflate fromResponse(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String[] elements = header.split(",");
        if (elements.length != 1) {
            throw new IllegalArgumentException("more than one extension in the response: " + header);
        }
        String[] parts = elements[0].split(";");
        if (!parts[0].trim().equals("permessage-deflate")) {
            throw new IllegalArgumentException("an extension that was not offered: " + header);
        }
        boolean serverNct = false;
        boolean clientNct = false;
        int serverBits = 15;
        int clientBits = 15;
        List<String> seen = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            String name = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? null : p.substring(eq + 1).trim().replace("\"", "");
            if (seen.contains(name)) {
                throw new IllegalArgumentException("repeated parameter " + name + ": " + header);
            }
            seen.add(name);
            switch (name) {
                case "server_no_context_takeover" -> serverNct = noValue(name, value);
                case "client_no_context_takeover" -> clientNct = noValue(name, value);
                case "server_max_window_bits" -> serverBits = bits(name, value);
                case "client_max_window_bits" -> clientBits = bits(name, value);
                default -> throw new IllegalArgumentException("unknown parameter " + name + ": " + header);
            }
        }
        return new ClientDeflate(header.trim(), serverNct, clientNct, serverBits, clientBits);
    }

    private static boolean noValue(String name, String value) {
        if (value != null) {
            throw new IllegalArgumentException(name + " takes no value");
        }
        return true;
    }

    private static int bits(String name, String value) {
        if (value == null || !value.matches("[89]|1[0-5]")) {
            throw new IllegalArgumentException(name + " needs a value of 8 to 15: " + value);
        }
        return Integer.parseInt(value);
    }

    /**
     * Compresses one whole message as Autobahn does: a sync flush whose 4-octet marker is cut off.
     * A client window below 15 bits is honoured by full flushes every 2^bits input octets, since
     * {@link Deflater} always searches a 32 KiB window.
     */
    byte[] compress(byte[] message) {
        if (deflater == null) {
            deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        } else if (clientNoContextTakeover) {
            deflater.reset();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length / 2 + 64);
        int segment = clientMaxWindowBits < 15 ? 1 << clientMaxWindowBits : Math.max(1, message.length);
        int pos = 0;
        do {
            int end = Math.min(message.length, pos + segment);
            deflater.setInput(message, pos, end - pos);
            int mode = clientMaxWindowBits < 15 ? Deflater.FULL_FLUSH : Deflater.SYNC_FLUSH;
            while (true) {
                int n = deflater.deflate(buffer, 0, buffer.length, mode);
                out.write(buffer, 0, n);
                if (n < buffer.length && deflater.needsInput()) {
                    break;
                }
            }
            pos = end;
        } while (pos < message.length);
        byte[] b = out.toByteArray();
        int len = b.length;
        if (len >= 4 && b[len - 4] == 0 && b[len - 3] == 0 && b[len - 2] == (byte) 0xff && b[len - 1] == (byte) 0xff) {
            len -= 4;
        }
        return java.util.Arrays.copyOf(b, len);
    }

    void startMessage() {
        if (serverMaxWindowBits < 15) {
            if (windowed == null) {
                windowed = new WindowedInflater(serverMaxWindowBits, !serverNoContextTakeover);
            }
            compressed.reset();
            return;
        }
        if (inflater == null) {
            inflater = new Inflater(true);
        } else if (serverNoContextTakeover) {
            inflater.reset();
        }
        inflated.reset();
    }

    /** @throws DataFormatException for data that is not DEFLATE */
    void inflate(byte[] data, int off, int len) throws DataFormatException {
        if (windowed != null) {
            compressed.write(data, off, len);
            return;
        }
        if (inflater.finished()) {
            return; // zlib keeps what follows a final block as unused data
        }
        inflater.setInput(data, off, len);
        while (true) {
            int n = inflater.inflate(buffer);
            inflated.write(buffer, 0, n);
            if (n == 0 && (inflater.needsInput() || inflater.finished() || inflater.needsDictionary())) {
                return;
            }
        }
    }

    /** Ends the message (section 7.2.2: the marker is appended) and returns what it inflated to. */
    byte[] endMessage() throws DataFormatException {
        if (windowed != null) {
            compressed.writeBytes(TAIL);
            return windowed.inflateMessage(compressed.toByteArray());
        }
        inflate(TAIL, 0, TAIL.length);
        return inflated.toByteArray();
    }

    void close() {
        if (deflater != null) {
            deflater.end();
        }
        if (inflater != null) {
            inflater.end();
        }
    }
}
