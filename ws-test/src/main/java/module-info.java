/**
 * Test support for wsf applications: {@link dev.wsf.test.TestServer} runs endpoints on a free
 * loopback port and {@link dev.wsf.test.TestClient} connects to them, recording what arrives, with
 * assertions that fail with an {@link AssertionError} saying what was expected and what came.
 * Add {@code wsf-test} to the test scope; it needs no test framework.
 *
 * <p>A test in a named module reads this one ({@code requires dev.wsf.test;}) and, as for any
 * annotated endpoint, opens the endpoints' package to {@code dev.wsf.annotated}.
 *
 * @since 0.1
 */
module dev.wsf.test {
    requires transitive dev.wsf.runtime;
    requires dev.wsf.annotated;

    exports dev.wsf.test;
}
