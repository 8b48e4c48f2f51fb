package dev.wsf.annotated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsf.api.CloseReason;
import dev.wsf.api.DeploymentException;
import dev.wsf.api.Session;
import dev.wsf.api.annotation.Endpoint;
import dev.wsf.api.annotation.OnClose;
import dev.wsf.api.annotation.OnError;
import dev.wsf.api.annotation.OnMessage;
import dev.wsf.api.annotation.OnOpen;
import dev.wsf.api.annotation.PathParam;
import dev.wsf.api.annotation.PongMessage;
import dev.wsf.api.annotation.QueryParam;
import dev.wsf.api.codec.BinaryDecoder;
import dev.wsf.api.codec.TextDecoder;
import dev.wsf.api.endpoint.Dispatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One fixture per way of getting an endpoint wrong. Each test checks that deployment fails with a
 * message naming the class, the method with its parameter types, the annotation, what is wrong
 * and the fix.
 */
class BadSignaturesTest {
    private static final String PREFIX = BadSignaturesTest.class.getName() + "$";

    public record ChatMessage(String text) {
    }

    // ---- @OnMessage ---------------------------------------------------------------------------

    @Endpoint(path = "/a")
    public static class NoMessageParameter {
        @OnMessage
        public void message(Session session) {
        }
    }

    @Test
    void onMessageWithoutAMessageParameter() {
        assertProblem(NoMessageParameter.class, "@OnMessage " + PREFIX + "NoMessageParameter#message(Session)",
                "has no message parameter", "Fix: add a parameter for the message");
    }

    @Endpoint(path = "/a")
    public static class TwoMessageParameters {
        @OnMessage
        public void message(String text, ChatMessage chat) {
        }
    }

    @Test
    void onMessageWithTwoMessageParameters() {
        assertProblem(TwoMessageParameters.class,
                "@OnMessage " + PREFIX + "TwoMessageParameters#message(String, BadSignaturesTest.ChatMessage)",
                "has 2 parameters that could be the message: parameter 1 (String) and parameter 2 (BadSignaturesTest.ChatMessage)",
                "Fix: keep one message parameter; path and query values need @PathParam or @QueryParam");
    }

    @Endpoint(path = "/a")
    public static class LastFlagWithJson {
        @OnMessage
        public void message(ChatMessage chat, boolean last) {
        }
    }

    @Test
    void lastFlagWithAWholeOnlyType() {
        assertProblem(LastFlagWithJson.class,
                "@OnMessage " + PREFIX + "LastFlagWithJson#message(BadSignaturesTest.ChatMessage, boolean)",
                "parameter 2 (boolean) is a `last` flag, but a BadSignaturesTest.ChatMessage message is always delivered whole",
                "Fix: remove the boolean, or take the message in parts as String, ByteBuffer or byte[]");
    }

    @Endpoint(path = "/a")
    public static class LastFlagWithReader {
        @OnMessage
        public void message(Reader reader, boolean last) {
        }
    }

    @Test
    void lastFlagWithAStream() {
        assertProblem(LastFlagWithReader.class, "@OnMessage " + PREFIX + "LastFlagWithReader#message(Reader, boolean)",
                "a Reader message is always delivered whole", "Fix: remove the boolean");
    }

    @Endpoint(path = "/a")
    public static class TwoBooleans {
        @OnMessage
        public void message(String part, boolean last, boolean again) {
        }
    }

    @Test
    void twoBooleanParameters() {
        assertProblem(TwoBooleans.class, "@OnMessage " + PREFIX + "TwoBooleans#message(String, boolean, boolean)",
                "has 2 boolean parameters", "Fix: keep one boolean parameter");
    }

    @Endpoint(path = "/a")
    public static class UnacceptedMessageType {
        @OnMessage
        public void message(BufferedReader reader) {
        }
    }

    @Test
    void messageTypeThatIsNeitherAFormNorJson() {
        assertProblem(UnacceptedMessageType.class, "@OnMessage " + PREFIX + "UnacceptedMessageType#message(BufferedReader)",
                "parameter 1 (BufferedReader) is not an accepted message type",
                "streams are accepted only as exactly Reader or InputStream",
                "Fix: use one of the forms listed in @OnMessage's Javadoc");
    }

    @Endpoint(path = "/a")
    public static class ThrowableInOnMessage {
        @OnMessage
        public void message(String text, Throwable error) {
        }
    }

    @Test
    void throwableOutsideOnError() {
        assertProblem(ThrowableInOnMessage.class, "@OnMessage " + PREFIX + "ThrowableInOnMessage#message(String, Throwable)",
                "parameter 2 (Throwable) is supplied only to @OnError methods",
                "Fix: remove it, or move this code to the @OnError method");
    }

    @Endpoint(path = "/a")
    public static class TwoTextHandlers {
        @OnMessage
        public void plain(String text) {
        }

        @OnMessage
        public void json(ChatMessage chat) {
        }
    }

    @Test
    void twoOnMessageMethodsForTheSameMessageType() {
        assertProblem(TwoTextHandlers.class, "@OnMessage " + PREFIX + "TwoTextHandlers#plain(String)",
                "is a second @OnMessage method for text messages; the first is " + PREFIX
                        + "TwoTextHandlers#json(BadSignaturesTest.ChatMessage)",
                "Fix: keep one @OnMessage method per message type (text, binary, pong)");
    }

    @Endpoint(path = "/a")
    public static class TwoBinaryHandlers {
        @OnMessage
        public void buffer(ByteBuffer bytes) {
        }

        @OnMessage
        public void array(byte[] bytes, boolean last) {
        }
    }

    @Test
    void twoOnMessageMethodsForBinaryMessages() {
        assertProblem(TwoBinaryHandlers.class, "is a second @OnMessage method for binary messages");
    }

    @Endpoint(path = "/a")
    public static class MaxSizeOnPong {
        @OnMessage(maxMessageSize = 1000)
        public void pong(PongMessage pong) {
        }
    }

    @Test
    void maxMessageSizeOnAPongHandler() {
        assertProblem(MaxSizeOnPong.class, "@OnMessage " + PREFIX + "MaxSizeOnPong#pong(PongMessage)",
                "sets maxMessageSize, but pongs are control frames of at most 125 bytes", "Fix: remove maxMessageSize");
    }

    @Endpoint(path = "/a", dispatch = Dispatch.IO_THREAD)
    public static class StreamOnIoThread {
        @OnMessage
        public void message(Reader reader) {
        }
    }

    @Test
    void streamingOnTheIoThread() {
        assertProblem(StreamOnIoThread.class, "@OnMessage " + PREFIX + "StreamOnIoThread#message(Reader)",
                "reads a stream, which blocks, but the endpoint uses Dispatch.IO_THREAD",
                "Fix: remove dispatch = IO_THREAD from @Endpoint");
    }

    @Endpoint(path = "/a")
    public static class GenericMethod {
        @OnMessage
        public <T> void message(T message) {
        }
    }

    @Test
    void genericCallbackMethod() {
        assertProblem(GenericMethod.class, "@OnMessage " + PREFIX + "GenericMethod#message(T)",
                "declares type variables", "Fix: use concrete parameter types");
    }

    // ---- method shape -------------------------------------------------------------------------

    @Endpoint(path = "/a")
    public static class NotPublic {
        @OnMessage
        void message(String text) {
        }
    }

    @Test
    void nonPublicCallback() {
        assertProblem(NotPublic.class, "@OnMessage " + PREFIX + "NotPublic#message(String)", "is not public",
                "Fix: make it public");
    }

    @Endpoint(path = "/a")
    public static class StaticCallback {
        @OnOpen
        public static void open(Session session) {
        }
    }

    @Test
    void staticCallback() {
        assertProblem(StaticCallback.class, "@OnOpen " + PREFIX + "StaticCallback#open(Session)", "is static",
                "Fix: make it an instance method");
    }

    @Endpoint(path = "/a")
    public static class TwoAnnotations {
        @OnOpen
        @OnClose
        public void both(Session session) {
        }
    }

    @Test
    void twoCallbackAnnotationsOnOneMethod() {
        assertProblem(TwoAnnotations.class, PREFIX + "TwoAnnotations#both(Session)",
                "carries 2 callback annotations [@OnOpen, @OnClose]", "Fix: give each callback its own method");
    }

    @Endpoint(path = "/a")
    public static class TwoOnOpen {
        @OnOpen
        public void first(Session session) {
        }

        @OnOpen
        public void second() {
        }
    }

    @Test
    void twoOnOpenMethods() {
        assertProblem(TwoOnOpen.class, "@OnOpen " + PREFIX + "TwoOnOpen#second()",
                "is a second @OnOpen method; the first is " + PREFIX + "TwoOnOpen#first(Session)",
                "Fix: keep one @OnOpen method per class");
    }

    // ---- lifecycle callbacks ------------------------------------------------------------------

    @Endpoint(path = "/chat/{room}")
    public static class ForgotPathParam {
        @OnOpen
        public void open(Session session, String room) {
        }
    }

    @Test
    void unknownParameterOnOpen() {
        assertProblem(ForgotPathParam.class, "@OnOpen " + PREFIX + "ForgotPathParam#open(Session, String)",
                "parameter 2 (String) is not something @OnOpen can supply",
                "Fix: declare only Session, Topics, HandshakeRequest, Principal, @PathParam and @QueryParam parameters");
    }

    @Endpoint(path = "/a")
    public static class CloseReasonOnOpen {
        @OnOpen
        public void open(CloseReason reason) {
        }
    }

    @Test
    void closeReasonOutsideOnClose() {
        assertProblem(CloseReasonOnOpen.class, "@OnOpen " + PREFIX + "CloseReasonOnOpen#open(CloseReason)",
                "is supplied only to @OnClose methods");
    }

    @Endpoint(path = "/a")
    public static class OnCloseReturnsValue {
        @OnClose
        public String close(CloseReason reason) {
            return "bye";
        }
    }

    @Test
    void onCloseReturningAValue() {
        assertProblem(OnCloseReturnsValue.class, "@OnClose " + PREFIX + "OnCloseReturnsValue#close(CloseReason)",
                "returns String, but nothing can be sent once the session has closed", "Fix: make it void");
    }

    @Endpoint(path = "/a")
    public static class OnErrorWithoutThrowable {
        @OnError
        public void error(Session session) {
        }
    }

    @Test
    void onErrorWithoutAThrowable() {
        assertProblem(OnErrorWithoutThrowable.class, "@OnError " + PREFIX + "OnErrorWithoutThrowable#error(Session)",
                "has no Throwable parameter", "Fix: declare exactly one Throwable parameter");
    }

    @Endpoint(path = "/a")
    public static class OnErrorNarrowThrowable {
        @OnError
        public void error(IOException error) {
        }
    }

    @Test
    void onErrorWithANarrowerExceptionType() {
        assertProblem(OnErrorNarrowThrowable.class, "@OnError " + PREFIX + "OnErrorNarrowThrowable#error(IOException)",
                "parameter 1 (IOException) is narrower than Throwable",
                "Fix: declare the parameter as Throwable and test it with instanceof");
    }

    // ---- path and query parameters ------------------------------------------------------------

    @Endpoint(path = "/chat/{room}")
    public static class PathParamNotInTemplate {
        @OnOpen
        public void open(@PathParam("rooom") String room) {
        }
    }

    @Test
    void pathParamNamingAMissingVariable() {
        assertProblem(PathParamNotInTemplate.class, "@OnOpen " + PREFIX + "PathParamNotInTemplate#open(String)",
                "parameter 1 (String) is @PathParam(\"rooom\"), but path /chat/{room} has no variable {rooom}",
                "Fix: use one of [room], or add {rooom} to @Endpoint(path)");
    }

    @Endpoint(path = "/chat/{room}")
    public static class PathParamOfUnsupportedType {
        @OnMessage
        public void message(String text, @PathParam("room") List<String> room) {
        }
    }

    @Test
    void pathParamOfAnUnsupportedType() {
        assertProblem(PathParamOfUnsupportedType.class,
                "@OnMessage " + PREFIX + "PathParamOfUnsupportedType#message(String, List<String>)",
                "parameter 2 (List<String>) is a @PathParam of an unsupported type",
                "Fix: declare it as String, int, long");
    }

    @Endpoint(path = "/a")
    public static class QueryParamOfUnsupportedType {
        @OnOpen
        public void open(@QueryParam("tags") Set<String> tags) {
        }
    }

    @Test
    void queryParamOfAnUnsupportedType() {
        assertProblem(QueryParamOfUnsupportedType.class,
                "@OnOpen " + PREFIX + "QueryParamOfUnsupportedType#open(Set<String>)",
                "parameter 1 (Set<String>) is a @QueryParam of an unsupported type",
                "Fix: declare it as List<String>, Optional<String>, String");
    }

    @Endpoint(path = "/{id}")
    public static class PathAndQueryParam {
        @OnOpen
        public void open(@PathParam("id") @QueryParam("id") String id) {
        }
    }

    @Test
    void bothPathAndQueryParamOnOneParameter() {
        assertProblem(PathAndQueryParam.class, "@OnOpen " + PREFIX + "PathAndQueryParam#open(String)",
                "has both @PathParam and @QueryParam", "Fix: keep one of them");
    }

    // ---- the class ----------------------------------------------------------------------------

    public static class MissingAnnotation {
        @OnMessage
        public void message(String text) {
        }
    }

    @Test
    void classWithoutEndpoint() {
        assertProblem(MissingAnnotation.class, "@Endpoint " + PREFIX + "MissingAnnotation",
                "the class has no @Endpoint annotation", "Fix: annotate it with @Endpoint(path = \"/...\")");
    }

    @Endpoint(path = "/a")
    public abstract static class AbstractEndpoint {
        @OnMessage
        public void message(String text) {
        }
    }

    @Test
    void abstractClass() {
        assertProblem(AbstractEndpoint.class, "@Endpoint " + PREFIX + "AbstractEndpoint",
                "is abstract, an interface or an enum", "Fix: annotate a concrete class");
    }

    @Endpoint(path = "/a")
    public class InnerEndpoint {
        @OnMessage
        public void message(String text) {
        }
    }

    @Test
    void innerClass() {
        assertProblem(InnerEndpoint.class, "@Endpoint " + PREFIX + "InnerEndpoint", "is an inner class",
                "Fix: declare it static");
    }

    @Endpoint(path = "chat")
    public static class RelativePath {
        @OnMessage
        public void message(String text) {
        }
    }

    @Test
    void malformedPath() {
        assertProblem(RelativePath.class, "@Endpoint " + PREFIX + "RelativePath",
                "its path is invalid: path template must start with '/': chat",
                "Fix: write a path such as /chat or /chat/{room}");
    }

    @Endpoint(path = "/chat/{room}")
    public static class ChatA {
        @OnMessage
        public void message(String text) {
        }
    }

    @Endpoint(path = "/chat/{id}")
    public static class ChatB {
        @OnMessage
        public void message(String text) {
        }
    }

    @Test
    void twoEndpointsOnTheSamePath() {
        assertProblem(new Class<?>[] {ChatA.class, ChatB.class}, "@Endpoint " + PREFIX + "ChatB",
                "its path /chat/{id} matches the same requests as path /chat/{room} of " + PREFIX + "ChatA",
                "Fix: give one of ChatB and ChatA a different path");
    }

    // ---- codecs -------------------------------------------------------------------------------

    public static class ChatText implements TextDecoder<ChatMessage> {
        @Override
        public ChatMessage decode(String text) {
            return new ChatMessage(text);
        }
    }

    public static class ChatBinary implements BinaryDecoder<ChatMessage> {
        @Override
        public ChatMessage decode(ByteBuffer bytes) {
            return new ChatMessage("");
        }
    }

    @Endpoint(path = "/a", decoders = {ChatText.class, ChatBinary.class})
    public static class AmbiguousDecoders {
        @OnMessage
        public void message(ChatMessage chat) {
        }
    }

    @Test
    void textAndBinaryDecoderForTheSameType() {
        assertProblem(AmbiguousDecoders.class, "@Endpoint " + PREFIX + "AmbiguousDecoders",
                "decoders has both a text and a binary decoder for " + PREFIX + "ChatMessage", "Fix: keep one of them");
    }

    public static class GenericDecoder<T> implements TextDecoder<T> {
        @Override
        public T decode(String text) {
            return null;
        }
    }

    @Endpoint(path = "/a", decoders = GenericDecoder.class)
    public static class UntypedDecoder {
        @OnMessage
        public void message(String text) {
        }
    }

    @Test
    void decoderWhoseTypeCannotBeTold() {
        assertProblem(UntypedDecoder.class, "@Endpoint " + PREFIX + "UntypedDecoder",
                "cannot tell which type " + PREFIX + "GenericDecoder handles",
                "Fix: declare it with a concrete type, e.g. implements TextDecoder<MyType>");
    }

    // ---- collecting -----------------------------------------------------------------------------

    @Endpoint(path = "/chat/{room}")
    public static class ManyProblems {
        @OnOpen
        void open(@PathParam("nope") String nope) {
        }

        @OnMessage
        public void message(Session session) {
        }

        @OnError
        public void error(Session session) {
        }
    }

    @Test
    void everyProblemOfAClassIsReportedTogether() {
        String message = problemsOf(ManyProblems.class);
        assertTrue(message.startsWith("3 problems in annotated endpoint [" + PREFIX + "ManyProblems]:"), message);
        assertMentions(message, "#open(String): is not public", "#message(Session): has no message parameter",
                "#error(Session): has no Throwable parameter");
    }

    @Test
    void problemsOfSeveralClassesAreReportedTogether() {
        String message = problemsOf(NotPublic.class, StaticCallback.class, TwoMessageParameters.class);
        assertTrue(message.startsWith("3 problems in annotated endpoints"), message);
        assertMentions(message, PREFIX + "NotPublic:\n", PREFIX + "StaticCallback:\n", PREFIX + "TwoMessageParameters:\n");
    }

    @Test
    void eachProblemSitsOnItsOwnLine() {
        String message = problemsOf(ManyProblems.class);
        assertEquals(3, message.lines().filter(l -> l.startsWith("  - ")).count(), message);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static void assertProblem(Class<?> fixture, String... fragments) {
        assertProblem(new Class<?>[] {fixture}, fragments);
    }

    private static void assertProblem(Class<?>[] fixtures, String... fragments) {
        assertMentions(problemsOf(fixtures), fragments);
    }

    static String problemsOf(Class<?>... fixtures) {
        return assertThrows(DeploymentException.class, () -> AnnotatedEndpoints.define(fixtures)).getMessage();
    }

    static void assertMentions(String message, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), () -> "expected\n  " + fragment + "\nin\n" + message);
        }
    }
}
