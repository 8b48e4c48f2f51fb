/**
 * Endpoints without annotations: an {@link dev.wsf.api.endpoint.EndpointHandler} receives a
 * session's events, an {@link dev.wsf.api.endpoint.EndpointDefinition} binds a path template, the
 * subprotocols and a factory of handlers, and handshake interceptors and subprotocol selectors take
 * part in the upgrade. The annotation layer produces these same definitions.
 *
 * @since 0.1
 */
package dev.wsf.api.endpoint;
