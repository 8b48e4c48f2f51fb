/**
 * The extension SPI (RFC 6455 section 9): an {@link dev.wsf.api.extension.ExtensionFactory},
 * registered with {@link java.util.ServiceLoader} ({@code provides} in a module, or
 * {@code META-INF/services}) or configured explicitly, negotiates an
 * {@link dev.wsf.api.extension.Extension} per connection, which transforms
 * {@link dev.wsf.api.extension.Frame}s on their way in and out.
 *
 * @since 0.1
 */
package dev.wsf.api.extension;
