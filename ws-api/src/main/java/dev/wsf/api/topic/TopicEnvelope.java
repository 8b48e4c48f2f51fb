package dev.wsf.api.topic;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of a {@link TopicMessage} on a broker's channel: binary-safe and versioned, the same
 * for every {@link TopicBus}, so nodes of different versions can tell what they cannot read.
 *
 * <pre>
 * 'w' 's' 'f'          magic
 * version              1 byte, {@value #VERSION}
 * flags                1 byte: bit 0 set for a binary message
 * origin length        2 bytes, big-endian, then the origin node id in UTF-8
 * topic length         2 bytes, big-endian, then the topic in UTF-8
 * payload              the rest
 * </pre>
 *
 * @since 0.1
 */
public final class TopicEnvelope {
    /** The envelope version this code writes and reads. */
    public static final int VERSION = 1;
    private static final byte[] MAGIC = {'w', 's', 'f'};

    private TopicEnvelope() {
    }

    /**
     * Writes a message as an envelope of the current {@link #VERSION}.
     *
     * @param m the message
     * @return the envelope's bytes, ready to publish on the broker's channel
     * @throws IllegalArgumentException if the origin or the topic is longer than 65535 UTF-8 bytes
     */
    public static byte[] encode(TopicMessage m) {
        byte[] origin = m.origin().getBytes(StandardCharsets.UTF_8);
        byte[] topic = m.topic().getBytes(StandardCharsets.UTF_8);
        if (origin.length > 0xFFFF || topic.length > 0xFFFF) {
            throw new IllegalArgumentException("origin or topic too long for an envelope");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(MAGIC.length + 6 + origin.length + topic.length
                + m.payload().length);
        out.writeBytes(MAGIC);
        out.write(VERSION);
        out.write(m.binary() ? 1 : 0);
        writeShort(out, origin.length);
        out.writeBytes(origin);
        writeShort(out, topic.length);
        out.writeBytes(topic);
        out.writeBytes(m.payload());
        return out.toByteArray();
    }

    /**
     * Reads an envelope written by {@link #encode}, on this node or another.
     *
     * @param bytes the bytes received from the broker's channel
     * @return the message
     * @throws IllegalArgumentException if the bytes are not an envelope this code can read:
     *                                  another magic, another version, a truncated header, an
     *                                  empty topic or origin
     */
    public static TopicMessage decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.remaining() < MAGIC.length + 2) {
            throw new IllegalArgumentException("not a wsf topic envelope: " + bytes.length + " bytes");
        }
        for (byte b : MAGIC) {
            if (in.get() != b) {
                throw new IllegalArgumentException("not a wsf topic envelope: wrong magic");
            }
        }
        int version = in.get() & 0xFF;
        if (version != VERSION) {
            throw new IllegalArgumentException("topic envelope version " + version + ", this node reads " + VERSION);
        }
        boolean binary = (in.get() & 1) != 0;
        String origin = readString(in);
        String topic = readString(in);
        byte[] payload = new byte[in.remaining()];
        in.get(payload);
        if (topic.isEmpty() || origin.isEmpty()) {
            throw new IllegalArgumentException("topic envelope without a topic or an origin");
        }
        return new TopicMessage(topic, binary, payload, origin);
    }

    private static void writeShort(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }

    private static String readString(ByteBuffer in) {
        if (in.remaining() < 2) {
            throw new IllegalArgumentException("truncated topic envelope");
        }
        int length = in.getShort() & 0xFFFF;
        if (in.remaining() < length) {
            throw new IllegalArgumentException("truncated topic envelope");
        }
        byte[] b = new byte[length];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
