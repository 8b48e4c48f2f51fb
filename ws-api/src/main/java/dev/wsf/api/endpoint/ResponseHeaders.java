package dev.wsf.api.endpoint;

/**
 * Headers an interceptor adds to the 101 response of an accepted upgrade.
 *
 * @since 0.1
 */
public interface ResponseHeaders {

    /** Adds a header; name and value must not contain CR or LF. */
    void add(String name, String value);
}
