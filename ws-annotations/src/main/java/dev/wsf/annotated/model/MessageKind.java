package dev.wsf.annotated.model;

/**
 * The forms an {@code @OnMessage} method can take, one per row of {@code OnMessage}'s Javadoc.
 * The form decides which messages reach the method, how the runtime delivers them (whole or in
 * parts) and how the message is adapted to the parameter.
 */
public enum MessageKind {
    /** A whole text message as a {@code String}. */
    TEXT_STRING(MessageType.TEXT, Shape.WHOLE),
    /** A part of a text message as a {@code String}, with the {@code boolean last} flag. */
    TEXT_STRING_PART(MessageType.TEXT, Shape.PART),
    /** A text message as a {@code Reader}, read on a thread of the stream executor. */
    TEXT_READER(MessageType.TEXT, Shape.STREAM),
    /** A whole text message turned into the parameter's type by a decoder the endpoint lists. */
    TEXT_DECODED(MessageType.TEXT, Shape.WHOLE),
    /** A whole text message read as JSON into the parameter's type: any type without a decoder. */
    TEXT_JSON(MessageType.TEXT, Shape.WHOLE),
    /** A whole binary message as a {@code ByteBuffer}. */
    BINARY_BUFFER(MessageType.BINARY, Shape.WHOLE),
    /** A whole binary message as a {@code byte[]}. */
    BINARY_BYTES(MessageType.BINARY, Shape.WHOLE),
    /** A part of a binary message as a {@code ByteBuffer}, with the {@code boolean last} flag. */
    BINARY_BUFFER_PART(MessageType.BINARY, Shape.PART),
    /** A part of a binary message as a {@code byte[]}, with the {@code boolean last} flag. */
    BINARY_BYTES_PART(MessageType.BINARY, Shape.PART),
    /** A binary message as an {@code InputStream}, read on a thread of the stream executor. */
    BINARY_STREAM(MessageType.BINARY, Shape.STREAM),
    /** A whole binary message turned into the parameter's type by a decoder the endpoint lists. */
    BINARY_DECODED(MessageType.BINARY, Shape.WHOLE),
    /** A pong, as a {@code PongMessage}. */
    PONG(MessageType.PONG, Shape.WHOLE);

    /** How the method takes a message. */
    public enum Shape {
        /** The whole message in one call. */
        WHOLE,
        /** One call per part, with the {@code last} flag. */
        PART,
        /** One call per message, reading a stream on its own thread while the parts arrive. */
        STREAM
    }

    private final MessageType type;
    private final Shape shape;

    MessageKind(MessageType type, Shape shape) {
        this.type = type;
        this.shape = shape;
    }

    /**
     * Which messages reach the method; an endpoint has at most one method per type.
     *
     * @return {@code TEXT}, {@code BINARY} or {@code PONG}
     */
    public MessageType type() {
        return type;
    }

    /**
     * Whether the method takes each message whole, in parts, or as a stream.
     *
     * @return {@code WHOLE}, {@code PART} or {@code STREAM}
     */
    public Shape shape() {
        return shape;
    }

    /**
     * Whether the runtime must deliver the parts of a message rather than the whole.
     *
     * @return true for the {@code PART} and {@code STREAM} shapes
     */
    public boolean needsPartialDelivery() {
        return shape != Shape.WHOLE;
    }
}
