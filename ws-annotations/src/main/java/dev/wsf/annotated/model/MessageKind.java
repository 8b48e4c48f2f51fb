package dev.wsf.annotated.model;

/**
 * The forms an {@code @OnMessage} method can take, one per row of {@code OnMessage}'s Javadoc.
 * The form decides which messages reach the method, how the runtime delivers them (whole or in
 * parts) and how the message is adapted to the parameter.
 */
public enum MessageKind {
    TEXT_STRING(MessageType.TEXT, Shape.WHOLE),
    TEXT_STRING_PART(MessageType.TEXT, Shape.PART),
    TEXT_READER(MessageType.TEXT, Shape.STREAM),
    TEXT_DECODED(MessageType.TEXT, Shape.WHOLE),
    TEXT_JSON(MessageType.TEXT, Shape.WHOLE),
    BINARY_BUFFER(MessageType.BINARY, Shape.WHOLE),
    BINARY_BYTES(MessageType.BINARY, Shape.WHOLE),
    BINARY_BUFFER_PART(MessageType.BINARY, Shape.PART),
    BINARY_BYTES_PART(MessageType.BINARY, Shape.PART),
    BINARY_STREAM(MessageType.BINARY, Shape.STREAM),
    BINARY_DECODED(MessageType.BINARY, Shape.WHOLE),
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

    public MessageType type() {
        return type;
    }

    public Shape shape() {
        return shape;
    }

    /** Whether the runtime must deliver the parts of a message rather than the whole. */
    public boolean needsPartialDelivery() {
        return shape != Shape.WHOLE;
    }
}
