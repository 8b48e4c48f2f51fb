/**
 * The core types an application meets whichever way it writes endpoints: {@link dev.wsf.api.Session}
 * (send, close, attributes), {@link dev.wsf.api.CloseCode} and {@link dev.wsf.api.CloseReason},
 * the upgrade request ({@link dev.wsf.api.HandshakeRequest}), topics for broadcast
 * ({@link dev.wsf.api.Topics}), and the exceptions, all under {@link dev.wsf.api.WebSocketException}.
 *
 * @since 0.1
 */
package dev.wsf.api;
