package dev.wsf.api.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Handles the messages of one kind (text, binary or pong) for the sessions of an {@link Endpoint}
 * or a {@link ClientEndpoint}. This Javadoc is the complete list of accepted signatures, the same
 * for both; anything else fails deployment with a message that names the method and the fix.
 *
 * <h2>Parameters</h2>
 * The method must be public and not static. Its parameters may come in any order. Exactly one of
 * them is the <em>message</em>, whose type chooses the form below; besides it, the method may
 * declare any of:
 * <ul>
 * <li>{@link dev.wsf.api.Session}: the session the message arrived on;</li>
 * <li>{@link dev.wsf.api.Topics}: publish/subscribe; objects published through it are
 *     encoded as this endpoint's replies are (its encoders, else JSON);</li>
 * <li>{@link dev.wsf.api.HandshakeRequest}: the upgrade request that opened the session (the one
 *     the server received, or the one the client sent);</li>
 * <li>{@link java.security.Principal}: who the client is, as the authenticator established it
 *     ({@link dev.wsf.api.Session#principal()}); {@code null} when neither the endpoint
 *     ({@link Endpoint#authenticator()}) nor the server has an authenticator, never {@code null}
 *     when one has (a refused client never gets a session). Declared exactly as {@code Principal}
 *     (cast it to the type your authenticator returns); server endpoints only;</li>
 * <li>{@link PathParam} and {@link QueryParam} parameters, converted once per session; server
 *     endpoints only, since a client endpoint has no path template and reads no request;</li>
 * <li>{@code boolean} (or {@code Boolean}): {@code last}, true on the final part of a message;
 *     only with the partial forms, where it is required.</li>
 * </ul>
 *
 * <h2>Message forms</h2>
 * The first column names the type of the message parameter ({@code , boolean} marks the
 * partial forms, which also take the {@code last} flag). A class may have at most one
 * {@code @OnMessage} method per kind: one for text, one for binary, one for pongs.
 * <table>
 * <caption>Accepted message parameters</caption>
 * <tr><th>message parameter</th><th>kind</th><th>what the method receives</th></tr>
 * <tr><td>{@code String}</td><td>text</td><td>the whole message</td></tr>
 * <tr><td>{@code String, boolean}</td><td>text</td><td>the message in parts as they
 *     arrive; a part never splits a code point</td></tr>
 * <tr><td>{@code Reader}</td><td>text</td><td>the message as a stream, read while it
 *     arrives (see <em>Streams</em>)</td></tr>
 * <tr><td>a type with a {@code TextDecoder}</td><td>text</td><td>the whole message decoded
 *     by the {@link dev.wsf.api.codec.TextDecoder} listed in the endpoint's {@code decoders}</td></tr>
 * <tr><td>any other type</td><td>text</td><td>the whole message decoded from JSON (records,
 *     POJOs, collections, {@code int}, {@code Integer}...)</td></tr>
 * <tr><td>{@code ByteBuffer}</td><td>binary</td><td>the whole message; valid only during the
 *     call, so copy what you keep</td></tr>
 * <tr><td>{@code byte[]}</td><td>binary</td><td>the whole message, as a copy the method may
 *     keep</td></tr>
 * <tr><td>{@code ByteBuffer, boolean}</td><td>binary</td><td>the message in parts as they
 *     arrive; each valid only during the call</td></tr>
 * <tr><td>{@code byte[], boolean}</td><td>binary</td><td>the message in parts as they
 *     arrive, as copies</td></tr>
 * <tr><td>{@code InputStream}</td><td>binary</td><td>the message as a stream, read while it
 *     arrives (see <em>Streams</em>)</td></tr>
 * <tr><td>a type with a {@code BinaryDecoder}</td><td>binary</td><td>the whole message decoded
 *     by the {@link dev.wsf.api.codec.BinaryDecoder} listed in the endpoint's {@code decoders}</td></tr>
 * <tr><td>{@link PongMessage}</td><td>pong</td><td>a pong from the peer</td></tr>
 * </table>
 * The endpoint's {@code decoders} are {@link Endpoint#decoders()} or
 * {@link ClientEndpoint#decoders()}, and likewise for {@code encoders}.
 * A custom type with a decoder of either kind is decoded by that decoder; a type with both a text
 * and a binary decoder fails deployment. A message that cannot be decoded (JSON that does not
 * fit the type, a decoder that throws) closes the session with 1007 (invalid payload data), or
 * the code its {@link dev.wsf.api.codec.DecodeException} names, after reporting the exception
 * to the {@link OnError} method, if any. A data message of a kind the class has no method for
 * (binary to a text-only endpoint, say) closes the session with 1003 (unsupported data); a pong
 * nobody handles is ignored.
 *
 * <h2>Return value</h2>
 * A non-void return value is sent back on the same session, asynchronously (the method does not
 * wait for the send); {@code null} sends nothing. The actual class of the value decides how:
 * <ul>
 * <li>{@code String} or another {@code CharSequence}: a text message;</li>
 * <li>{@code byte[]} or {@code ByteBuffer}: a binary message (do not modify it afterwards);</li>
 * <li>a type with an {@link dev.wsf.api.codec.Encoder} listed in the endpoint's {@code encoders}:
 *     what the encoder makes of it;</li>
 * <li>anything else: a text message holding its JSON.</li>
 * </ul>
 * The return value of a partial or streaming method is sent too, once per call.
 *
 * <h2>Streams</h2>
 * With a {@code Reader} or {@code InputStream} parameter, the method runs on a thread of its own
 * as soon as the first part of a message arrives, and reads the parts through a bounded buffer
 * while the next ones arrive; when the buffer is full, the session stops reading from the network
 * until the method catches up. Callbacks stay serial: the session delivers nothing else until the
 * method has returned. If the session ends mid-message, reading fails with an
 * {@link java.io.IOException}. The method may stop reading early; the rest of the message is then
 * discarded. Streams need {@link dev.wsf.api.endpoint.Dispatch#WORKER} dispatch.
 *
 * <h2>Errors</h2>
 * An exception thrown by the method goes to the {@link OnError} method if the class has one (the
 * session stays open), otherwise it is logged and the session closes with 1011. A
 * {@link dev.wsf.api.CloseException} thrown by the method closes the session with its code.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnMessage {

    /**
     * The largest message this method accepts, in bytes (UTF-8 bytes for text); larger ones close
     * the session with 1009. Zero or less (the default) keeps the limit of the {@link Endpoint}
     * or {@link ClientEndpoint} or, failing that, the server's or client's. Not allowed on a pong
     * handler.
     *
     * @return the limit in bytes for this handler, or zero or less to inherit one
     */
    long maxMessageSize() default -1;
}
