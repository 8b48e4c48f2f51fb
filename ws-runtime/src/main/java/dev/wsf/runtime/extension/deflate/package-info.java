/**
 * permessage-deflate (RFC 7692). It is on by default, found through {@link java.util.ServiceLoader};
 * to tune it, configure a {@link dev.wsf.runtime.extension.deflate.PerMessageDeflateFactory} with
 * {@link dev.wsf.runtime.extension.deflate.DeflateSettings}, e.g.
 * {@code ServerConfig.builder().extensions(new PerMessageDeflateFactory(DeflateSettings.lean()))}.
 * Only those two types are public; the rest of the package is the implementation.
 *
 * @since 0.1
 */
package dev.wsf.runtime.extension.deflate;
