package dev.wsf.api.codec;

/**
 * Turns messages into {@link dev.wsf.api.annotation.OnMessage} parameters of a custom type:
 * implement {@link TextDecoder} or {@link BinaryDecoder} and list the class in
 * {@link dev.wsf.api.annotation.Endpoint#decoders()}.
 *
 * <p>The type a decoder produces is read from its generic declaration, e.g.
 * {@code class CommandDecoder implements TextDecoder<Command>}. One instance serves every session
 * of the endpoint, from several threads at once, so a decoder must be thread-safe. Instances are
 * created by the endpoint's instance provider, so they may have {@code @Inject} constructors and
 * fields.
 *
 * <p>A decoder that cannot make sense of a message throws {@link DecodeException}, which closes
 * the session with 1007 (or another code the exception names). Any other runtime exception it
 * throws is treated the same way.
 *
 * @since 0.1
 */
public sealed interface Decoder permits TextDecoder, BinaryDecoder {
}
