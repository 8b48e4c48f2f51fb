/**
 * The engine's entry points: {@link dev.wsf.runtime.WebSocketServer} serves endpoint definitions,
 * {@link dev.wsf.runtime.WebSocketClient} connects to servers, and
 * {@link dev.wsf.runtime.ServerStats} reports a running server's counters. Everything else in the
 * engine is internal (not exported by module {@code dev.wsf.runtime}).
 *
 * @since 0.1
 */
package dev.wsf.runtime;
