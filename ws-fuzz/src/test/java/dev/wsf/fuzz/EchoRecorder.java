package dev.wsf.fuzz;

import dev.wsf.api.CloseCode;
import dev.wsf.api.CloseException;
import dev.wsf.api.Session;
import dev.wsf.api.endpoint.EndpointHandler;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The endpoint under fuzzing: echoes every message (whole or part by part, as delivered) and
 * records what the session told it, for the checks after the run. It never throws: the runtime
 * catches what callbacks throw, so a failed check inside a callback would be lost; violations are
 * collected in {@link #violations} instead.
 */
final class EchoRecorder implements EndpointHandler {
    /** A message as the endpoint sent it back, for comparison with what the server wrote. */
    record Echo(boolean text, byte[] payload) {
    }

    private final long maxMessageSize;
    final List<Echo> echoed = new ArrayList<>();
    final List<byte[]> pings = new ArrayList<>();
    final List<String> violations = new ArrayList<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private boolean partialAccepted = true;
    private long partialLength;

    EchoRecorder(long maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    public void onText(Session session, String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        checkSize(bytes.length);
        if (accepted(session.sendText(message))) {
            echoed.add(new Echo(true, bytes));
        }
    }

    @Override
    public void onBinary(Session session, ByteBuffer message) {
        byte[] bytes = new byte[message.remaining()];
        message.duplicate().get(bytes);
        checkSize(bytes.length);
        if (accepted(session.sendBinary(message))) {
            echoed.add(new Echo(false, bytes));
        }
    }

    @Override
    public void onTextPart(Session session, String part, boolean last) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        part(true, bytes, last, session.sendText(part, last));
    }

    @Override
    public void onBinaryPart(Session session, ByteBuffer part, boolean last) {
        byte[] bytes = new byte[part.remaining()];
        part.duplicate().get(bytes);
        part(false, bytes, last, session.sendBinary(part, last));
    }

    private void part(boolean text, byte[] bytes, boolean last, CompletionStage<Void> sent) {
        partialLength += bytes.length;
        checkSize(partialLength);
        partialAccepted &= accepted(sent);
        partial.writeBytes(bytes);
        if (last) {
            if (partialAccepted) {
                echoed.add(new Echo(text, partial.toByteArray()));
            }
            partial.reset();
            partialAccepted = true;
            partialLength = 0;
        }
    }

    @Override
    public void onPing(Session session, ByteBuffer payload) {
        byte[] bytes = new byte[payload.remaining()];
        payload.duplicate().get(bytes);
        pings.add(bytes);
    }

    /**
     * Protocol violations reach here as {@link CloseException}s with the code the session closed
     * with. Anything else, or 1011, means the runtime failed on its own account: the echo
     * endpoint never throws, so every 1011 is an internal error (e.g. a bug in an extension).
     */
    @Override
    public void onError(Session session, Throwable error) {
        if (!(error instanceof CloseException ce) || ce.closeCode() == CloseCode.INTERNAL_ERROR.code()) {
            violations.add("internal error reported to the endpoint: " + stackTrace(error));
        }
    }

    private void checkSize(long length) {
        if (length > maxMessageSize) {
            violations.add("delivered a message of " + length + " bytes, over the limit of " + maxMessageSize);
        }
    }

    /** Whether a send went out: the transport writes at once, so an accepted send is already done. */
    private static boolean accepted(CompletionStage<Void> sent) {
        var f = sent.toCompletableFuture();
        return f.isDone() && !f.isCompletedExceptionally();
    }

    private static String stackTrace(Throwable t) {
        var out = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
