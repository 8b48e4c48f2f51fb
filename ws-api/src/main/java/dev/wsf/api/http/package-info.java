/**
 * Plain HTTP on the WebSocket port: an {@link dev.wsf.api.http.HttpHandler} answers requests that
 * are not upgrades, for example with {@link dev.wsf.api.http.StaticFiles} serving a page and its
 * scripts.
 *
 * @since 0.1
 */
package dev.wsf.api.http;
