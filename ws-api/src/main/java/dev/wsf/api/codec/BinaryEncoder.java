package dev.wsf.api.codec;

import java.nio.ByteBuffer;

/**
 * Encodes values of type {@code T} as binary messages. See {@link Encoder} for the contract.
 *
 * @param <T> the type encoded
 *
 * @since 0.1
 */
@FunctionalInterface
public non-sealed interface BinaryEncoder<T> extends Encoder {

    /**
     * Encodes {@code value}, never null. The returned buffer is sent from its position to its
     * limit and then belongs to the framework: do not reuse it.
     *
     * @param value the value to send; never null
     * @return the bytes to send; null is treated as an {@link EncodeException}
     * @throws EncodeException if the value cannot be encoded
     */
    ByteBuffer encode(T value);
}
