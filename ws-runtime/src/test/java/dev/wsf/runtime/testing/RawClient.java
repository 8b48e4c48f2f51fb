package dev.wsf.runtime.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A blocking socket that speaks raw bytes: for peers that misbehave on purpose (bad handshakes,
 * malformed frames, never reading). Reads time out after 10 seconds.
 */
public final class RawClient implements AutoCloseable {
    public final Socket socket;
    private final InputStream in;

    public RawClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
    }

    /** Connects and completes a valid upgrade to {@code path}, checking the 101. */
    public static RawClient upgraded(int port, String path) throws IOException {
        RawClient c = new RawClient(port);
        c.write(UpgradeRequestBuilder.to(path).bytes());
        String head = c.readHead();
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new AssertionError("upgrade refused: " + head);
        }
        return c;
    }

    public RawClient write(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    /** Reads up to and including the blank line that ends an HTTP head. */
    public String readHead() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("end of stream in the response head: " + out);
            }
            out.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads exactly {@code n} bytes, e.g. a body of known length. */
    public byte[] readExactly(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw new IOException("end of stream after " + bytes.length + " of " + n + " bytes");
        }
        return bytes;
    }

    /** Reads until the server closes the connection, then renders the frames it sent. */
    public List<String> readFramesUntilClosed() throws IOException {
        return FrameRecorder.parse(readUntilClosed());
    }

    public byte[] readUntilClosed() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close within 10 s; got " + out.size() + " bytes", e);
        } catch (IOException e) {
            // a reset after the close frame still leaves what was read
        }
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
