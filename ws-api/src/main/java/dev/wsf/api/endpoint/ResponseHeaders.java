package dev.wsf.api.endpoint;

/**
 * Headers an interceptor adds to the 101 response of an accepted upgrade.
 *
 * @since 0.1
 */
public interface ResponseHeaders {

    /**
     * Adds a header; name and value must not contain CR or LF.
     * A name that is not an HTTP token, or a value with a control character, fails the handshake
     * with 500 (logged) rather than here.
     *
     * @param name the header's name, such as {@code Set-Cookie}
     * @param value the header's value; adding a name twice sends two fields
     */
    void add(String name, String value);
}
