package dev.wsf.api.extension;

import dev.wsf.api.Role;

/**
 * What an extension needs to know about the connection it serves.
 *
 * @param role           whether the extension runs in a server or a client
 * @param maxMessageSize the largest message, in bytes, the application accepts; an extension
 *                       that expands data (a decompressor) must fail with close code 1009 once a
 *                       message would exceed it, before allocating that much
 */
public record ExtensionContext(Role role, long maxMessageSize) {
}
