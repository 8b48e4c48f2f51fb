package dev.wsf.api.codec;

/**
 * Decodes whole text messages into values of type {@code T}. See {@link Decoder} for the
 * contract.
 *
 * @param <T> the type decoded
 *
 * @since 0.1
 */
@FunctionalInterface
public non-sealed interface TextDecoder<T> extends Decoder {

    /**
     * Decodes a whole text message.
     *
     * @param text the whole message, reassembled from its fragments
     * @return the value, which should not be null
     * @throws DecodeException if the text does not represent a {@code T}
     */
    T decode(String text);
}
