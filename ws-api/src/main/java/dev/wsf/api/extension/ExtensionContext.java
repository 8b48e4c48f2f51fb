package dev.wsf.api.extension;

/**
 * What an extension needs to know about the connection it serves. (Whether it runs in a server
 * or a client follows from which {@link ExtensionFactory} method created it.)
 *
 * @param maxMessageSize the largest message, in bytes, the application accepts; an extension
 *                       that expands data (a decompressor) must fail with close code 1009 once a
 *                       message would exceed it, before allocating that much
 */
public record ExtensionContext(long maxMessageSize) {
}
