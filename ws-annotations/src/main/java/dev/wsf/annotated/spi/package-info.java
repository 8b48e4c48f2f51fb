/**
 * How endpoint instances are created: {@link dev.wsf.annotated.spi.InstanceProvider}, the interface
 * a dependency-injection container implements (found with {@link java.util.ServiceLoader}, or
 * passed to {@code AnnotatedEndpoints.builder().instanceProvider(...)}), and
 * {@link dev.wsf.annotated.spi.SimpleInstanceProvider}, the default, which honours
 * {@code jakarta.inject} constructors, fields and {@code @Singleton}.
 *
 * @since 0.1
 */
package dev.wsf.annotated.spi;
