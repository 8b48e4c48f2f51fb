package dev.wsf.api.annotation;

import dev.wsf.api.codec.Decoder;
import dev.wsf.api.codec.Encoder;
import dev.wsf.api.endpoint.Dispatch;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a WebSocket client endpoint: it handles the connections a client opens, with
 * the same callbacks as an {@link Endpoint} ({@link OnOpen}, {@link OnMessage}, {@link OnClose},
 * {@link OnError}), the same signatures, codecs, return values and error policy.
 *
 * <pre>{@code
 * @ClientEndpoint(subprotocols = {"chat.v2", "chat.v1"})
 * public class ChatClient {
 *     @OnOpen    public Hello open(Session s) { return new Hello("ann"); }   // sent as JSON
 *     @OnMessage public void message(ChatMessage msg) { ... }
 *     @OnClose   public void closed(CloseReason reason) { ... }
 * }
 *
 * // with ws-annotations and ws-runtime:
 * EndpointDefinition chat = AnnotatedEndpoints.client(new ChatClient());
 * Session session = client.connect(uri, chat, ConnectOptions.defaults()).join();
 * }</pre>
 *
 * <h2>Differences from a server endpoint</h2>
 * <ul>
 * <li>There is no path: the URI is the one passed when connecting. {@link PathParam} and
 *     {@link QueryParam} parameters fail deployment, since there is no path template to bind and
 *     the query is the one the client wrote itself; pass such values to the instance instead.</li>
 * <li>A {@link dev.wsf.api.HandshakeRequest} parameter receives the upgrade request the client
 *     sent.</li>
 * <li>Servers do not serve these classes, and scanning for server endpoints skips them. A class
 *     may carry both annotations to be used both ways.</li>
 * </ul>
 *
 * <h2>Instances</h2>
 * Given the class, each connection gets a new instance (or, for a class annotated with
 * {@code @jakarta.inject.Singleton}, one shared by every connection), from the instance provider
 * in use. Given an instance, that instance handles the connection, as it was built: nothing is
 * injected into it. An instance or singleton that handles several connections at once must be
 * thread-safe.
 *
 * <h2>Validation</h2>
 * Everything is checked before connecting: a bad signature fails with a
 * {@link dev.wsf.api.DeploymentException} that names the class, the method and the fix.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ClientEndpoint {

    /**
     * The subprotocols to offer in the upgrade request, most preferred first; the server picks at
     * most one, which {@link dev.wsf.api.Session#subprotocol()} then returns. Subprotocols passed
     * in the connect options replace these. Default: none.
     *
     * @return the subprotocol names to offer, most preferred first; empty to offer none
     */
    String[] subprotocols() default {};

    /**
     * Encoders for return values of types the framework does not send on its own. One instance of
     * each is created per definition and shared by all its connections, so they must be
     * thread-safe. Without an encoder, a returned object is sent as JSON text.
     *
     * @return the encoder classes, each instantiated once per definition
     */
    Class<? extends Encoder>[] encoders() default {};

    /**
     * Decoders for {@link OnMessage} parameters of custom types. One instance of each is created
     * per definition and shared by all its connections, so they must be thread-safe. Without a
     * decoder, a parameter of a custom type is decoded from JSON text.
     *
     * @return the decoder classes, each instantiated once per definition
     */
    Class<? extends Decoder>[] decoders() default {};

    /**
     * Which threads run the callbacks. Default: {@link Dispatch#WORKER}, so callbacks may block.
     * Choose {@link Dispatch#IO_THREAD} only for callbacks that never block; it cannot be combined
     * with {@code Reader} or {@code InputStream} message parameters.
     *
     * @return where callbacks run; {@link Dispatch#WORKER} unless set
     */
    Dispatch dispatch() default Dispatch.WORKER;

    /**
     * The largest text message accepted from the server, in UTF-8 bytes; larger ones close the
     * session with 1009. Zero or less (the default) keeps the client's limit.
     * {@link OnMessage#maxMessageSize()} overrides it for the text handler.
     *
     * @return the text message limit in bytes, or zero or less for the client's limit
     */
    long maxTextMessageSize() default -1;

    /**
     * The largest binary message accepted from the server, in bytes; larger ones close the
     * session with 1009. Zero or less (the default) keeps the client's limit.
     * {@link OnMessage#maxMessageSize()} overrides it for the binary handler.
     *
     * @return the binary message limit in bytes, or zero or less for the client's limit
     */
    long maxBinaryMessageSize() default -1;
}
