/**
 * Configuration of servers and clients: {@link dev.wsf.api.config.ServerConfig} and
 * {@link dev.wsf.api.config.ClientConfig} (immutable, built with builders; what both share is in
 * {@link dev.wsf.api.config.WebSocketConfig}), per-connection client options
 * ({@link dev.wsf.api.config.ConnectOptions}), TLS, origin checks and connection limits.
 * {@link dev.wsf.api.config.ServerSettings} reads a server configuration from system properties and
 * environment variables.
 *
 * @since 0.1
 */
package dev.wsf.api.config;
