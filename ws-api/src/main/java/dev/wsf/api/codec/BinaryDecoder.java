package dev.wsf.api.codec;

import java.nio.ByteBuffer;

/**
 * Decodes whole binary messages into values of type {@code T}. See {@link Decoder} for the
 * contract.
 *
 * @param <T> the type decoded
 *
 * @since 0.1
 */
@FunctionalInterface
public non-sealed interface BinaryDecoder<T> extends Decoder {

    /**
     * Decodes a whole binary message, from the buffer's position to its limit. The buffer is
     * valid only during the call: the result must not keep a reference to it.
     *
     * @param bytes the whole message, reassembled from its fragments
     * @return the value, which should not be null
     * @throws DecodeException if the bytes do not represent a {@code T}
     */
    T decode(ByteBuffer bytes);
}
