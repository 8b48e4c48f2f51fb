package dev.wsf.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wsf.runtime.http.HttpException;
import dev.wsf.runtime.http.HttpHeadReader;
import dev.wsf.runtime.http.HttpRequestHead;
import dev.wsf.runtime.http.HttpResponseHead;
import java.nio.ByteBuffer;

/**
 * Fuzzes the HTTP head reader and the request and response head parsers, the server's and the
 * client's first contact with a peer. Input layout: {@link ReadPlan}; flag {@link #SMALL_LIMIT}
 * reads with a 64-byte head limit instead of the default 8 KiB, to reach the 414 and 431 paths.
 *
 * <p>Properties: only {@link HttpException} comes out, with a status from 400 to 599; the reader
 * returns a head ending in its blank line, no longer than the limit, and stops right after it,
 * leaving the rest of the read in the buffer.
 */
class HttpHeadFuzzTest {
    static final int SMALL_LIMIT = 1;
    private static final int DEFAULT_LIMIT = 8192;

    @FuzzTest
    void heads(byte[] input) {
        ReadPlan plan = ReadPlan.parse(input);
        int limit = plan.flag(SMALL_LIMIT) ? 64 : DEFAULT_LIMIT;
        for (HttpHeadReader.StartLine mode : HttpHeadReader.StartLine.values()) {
            heads(plan, limit, mode);
        }
    }

    /** The server reads requests, the client responses: each reader in its own mode. */
    private static void heads(ReadPlan plan, int limit, HttpHeadReader.StartLine mode) {
        byte[] head;
        try {
            head = readHead(plan, limit, mode);
        } catch (HttpException e) {
            checkStatus(e);
            return;
        }
        if (head == null) {
            return; // the stream ended inside the head: the reader waits for more
        }
        check(head.length <= limit, "a head of " + head.length + " bytes passed the limit of " + limit);
        check(endsWithBlankLine(head), "the head does not end with its blank line");
        try {
            HttpRequestHead.parse(head);
        } catch (HttpException e) {
            checkStatus(e);
        }
        try {
            HttpResponseHead.parse(head);
        } catch (HttpException e) {
            checkStatus(e);
        }
    }

    /** Feeds the stream read by read; returns the head once complete, or null if it never is. */
    private static byte[] readHead(ReadPlan plan, int limit, HttpHeadReader.StartLine mode) throws HttpException {
        HttpHeadReader reader = new HttpHeadReader(mode, limit);
        byte[] stream = plan.stream();
        int offset = 0;
        for (int reads = 0; offset < stream.length; reads++) {
            int n = plan.readSize(reads, offset);
            ByteBuffer in = ByteBuffer.wrap(stream, offset, n);
            byte[] head = reader.read(in);
            if (head != null) {
                int end = in.position(); // the stream up to here was consumed, in this read and before
                check(end >= head.length, "the reader returned more bytes than it consumed");
                check(end >= 2 && stream[end - 1] == '\n', "the reader did not stop right after the blank line");
                return head;
            }
            check(!in.hasRemaining(), "the reader left input unread without returning a head");
            offset += n;
        }
        return null;
    }

    private static boolean endsWithBlankLine(byte[] h) {
        int n = h.length;
        return (n >= 2 && h[n - 1] == '\n' && h[n - 2] == '\n')
                || (n >= 3 && h[n - 1] == '\n' && h[n - 2] == '\r' && h[n - 3] == '\n');
    }

    private static void checkStatus(HttpException e) {
        check(e.status() >= 400 && e.status() <= 599, "HttpException with status " + e.status() + ": " + e.getMessage());
    }

    private static void check(boolean condition, String violation) {
        if (!condition) {
            throw new AssertionError(violation);
        }
    }
}
