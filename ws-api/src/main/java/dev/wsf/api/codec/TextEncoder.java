package dev.wsf.api.codec;

/**
 * Encodes values of type {@code T} as text messages. See {@link Encoder} for the contract.
 *
 * @param <T> the type encoded
 *
 * @since 0.1
 */
@FunctionalInterface
public non-sealed interface TextEncoder<T> extends Encoder {

    /**
     * Encodes {@code value}, never null.
     *
     * @param value the value to send; never null
     * @return the text to send; null is treated as an {@link EncodeException}
     * @throws EncodeException if the value cannot be encoded
     */
    String encode(T value);
}
