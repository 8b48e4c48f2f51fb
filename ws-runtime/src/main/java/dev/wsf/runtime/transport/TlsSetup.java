package dev.wsf.runtime.transport;

import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javax.net.ssl.SSLEngine;

/**
 * How the connections of one listener (or one client connection) do TLS: where their engines come
 * from (configured for the role, protocols, ciphers, client auth, host name checks) and where the
 * engines' delegated tasks run.
 *
 * @param engines makes the engine for a connection to or from the given peer
 * @param tasks   runs the engines' delegated tasks, off the I/O threads
 */
public record TlsSetup(Function<InetSocketAddress, SSLEngine> engines, Executor tasks) {

    SSLEngine engine(InetSocketAddress peer) {
        return engines.apply(peer);
    }
}
