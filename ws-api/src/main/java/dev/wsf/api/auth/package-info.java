/**
 * Authentication at the opening handshake: an asynchronous {@link dev.wsf.api.auth.Authenticator},
 * its {@link dev.wsf.api.auth.AuthResult}, and {@link dev.wsf.api.auth.Credentials} to read a
 * credential from a request.
 *
 * @since 0.1
 */
package dev.wsf.api.auth;
