/**
 * Testing endpoints over a real connection: {@link dev.wsf.test.TestServer} starts a server on a
 * free port of 127.0.0.1, {@link dev.wsf.test.TestClient} connects, sends, and records every
 * {@link dev.wsf.test.Event} in order. Its {@code await...} and {@code assert...} methods wait at
 * most a timeout (5 s unless set) and fail with an {@link java.lang.AssertionError} that lists what
 * was received, so they work the same under JUnit, TestNG or any other framework:
 *
 * <pre>{@code
 * try (TestServer server = TestServer.start(EchoEndpoint.class);
 *      TestClient client = server.connect("/echo")) {
 *     client.sendText("hello").assertNextText("echo: hello");
 *     client.close(1000, "done");
 * }
 * }</pre>
 *
 * @since 0.1
 */
package dev.wsf.test;
