package dev.wsf.api.annotation;

import dev.wsf.api.auth.Authenticator;
import dev.wsf.api.codec.Decoder;
import dev.wsf.api.codec.Encoder;
import dev.wsf.api.endpoint.Dispatch;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a WebSocket server endpoint whose callbacks are its methods annotated with
 * {@link OnOpen}, {@link OnMessage}, {@link OnClose} and {@link OnError}. Its client-side
 * counterpart is {@link ClientEndpoint}.
 *
 * <pre>{@code
 * @Endpoint(path = "/chat/{room}", subprotocols = {"chat.v2", "chat.v1"})
 * public class ChatEndpoint {
 *     @OnOpen    public void open(Session s, @PathParam("room") String room) { ... }
 *     @OnMessage public Reply message(Session s, ChatMessage msg) { ... }
 * }
 * }</pre>
 *
 * <h2>Instances</h2>
 * Each session gets a new instance of the class, so fields may hold per-connection state. A class
 * annotated with {@code @jakarta.inject.Singleton} gets one instance shared by every session
 * instead; it must then be thread-safe, because callbacks of different sessions run concurrently.
 * Instances come from the instance provider in use, which honours {@code @jakarta.inject.Inject}
 * constructors and fields.
 *
 * <h2>Authentication</h2>
 * With {@link #authenticator()}, or else the server's authenticator, every opening handshake is
 * checked before the session exists; a refused client gets the authenticator's HTTP status (401,
 * 403...) and never reaches the class. Callbacks may then declare a
 * {@link java.security.Principal} parameter: who the client is.
 *
 * <pre>{@code
 * @Endpoint(path = "/account", authenticator = TokenAuthenticator.class)
 * public class AccountEndpoint {
 *     @OnMessage public Balance balance(Principal user, BalanceQuery query) { ... }
 * }
 *
 * public class TokenAuthenticator implements Authenticator {
 *     @Inject TokenService tokens;   // built by the instance provider, so it can be injected
 *
 *     public CompletionStage<AuthResult> authenticate(HandshakeRequest request) {
 *         return Credentials.bearer(request)
 *                 .map(token -> tokens.verify(token).thenApply(user -> user
 *                         .map(u -> AuthResult.accept(u.principal()))
 *                         .orElse(AuthResult.unauthorized("invalid token"))))
 *                 .orElse(CompletableFuture.completedFuture(AuthResult.unauthorized("no token")));
 *     }
 * }
 * }</pre>
 *
 * <h2>Validation</h2>
 * Everything is checked when the endpoint is deployed: a bad signature, a {@link PathParam} that
 * names no variable of {@link #path()}, or two endpoints on the same path fail deployment with a
 * {@link dev.wsf.api.DeploymentException} that names the class, the method and the fix.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Endpoint {

    /**
     * Where the endpoint is served: a path such as {@code /echo}, or a template with variables
     * such as {@code /chat/{room}} (see {@link dev.wsf.api.endpoint.PathTemplate}). When several
     * endpoints match a request, literal segments win over variables.
     *
     * @return the path or path template, starting with {@code /}
     */
    String path();

    /**
     * The subprotocols the endpoint speaks, most preferred first. The first one the client
     * offered is selected. Default: none.
     *
     * @return the subprotocol names, most preferred first; empty to select none
     */
    String[] subprotocols() default {};

    /**
     * Encoders for return values of types the framework does not send on its own. One instance of
     * each is created per endpoint class and shared by all its sessions, so they must be
     * thread-safe. Without an encoder, a returned object is sent as JSON text.
     *
     * @return the encoder classes, each instantiated once per endpoint class
     */
    Class<? extends Encoder>[] encoders() default {};

    /**
     * Decoders for {@link OnMessage} parameters of custom types. One instance of each is created
     * per endpoint class and shared by all its sessions, so they must be thread-safe. Without a
     * decoder, a parameter of a custom type is decoded from JSON text.
     *
     * @return the decoder classes, each instantiated once per endpoint class
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
     * The largest text message accepted, in UTF-8 bytes; larger ones close the session with 1009.
     * Zero or less (the default) keeps the server's limit. {@link OnMessage#maxMessageSize()}
     * overrides it for the text handler.
     *
     * @return the text message limit in bytes, or zero or less for the server's limit
     */
    long maxTextMessageSize() default -1;

    /**
     * The largest binary message accepted, in bytes; larger ones close the session with 1009.
     * Zero or less (the default) keeps the server's limit. {@link OnMessage#maxMessageSize()}
     * overrides it for the binary handler.
     *
     * @return the binary message limit in bytes, or zero or less for the server's limit
     */
    long maxBinaryMessageSize() default -1;

    /**
     * Who may connect to this endpoint: an {@link Authenticator} asked at each opening handshake,
     * instead of the server's ({@code ServerConfig.Builder#authenticator}). The class is built
     * once, when the endpoint is deployed, by the instance provider in use, so it may have
     * {@code @Inject} constructors and fields (a token service, say); one instance serves every
     * handshake of the endpoint, concurrently, so it must be thread-safe. A class the provider
     * cannot build fails deployment. Default: {@code Authenticator.class}, meaning none of its
     * own: the server's applies, if it has one.
     *
     * @return the authenticator class, or {@code Authenticator.class} to use the server's
     */
    Class<? extends Authenticator> authenticator() default Authenticator.class;
}
