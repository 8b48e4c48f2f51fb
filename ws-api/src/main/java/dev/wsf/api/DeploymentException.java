package dev.wsf.api;

/**
 * An endpoint or server cannot be deployed as configured: a bad method signature, a duplicate
 * path, an invalid path template. The message names what is wrong and how to fix it.
 *
 * @since 0.1
 */
public class DeploymentException extends WebSocketException {
    private static final long serialVersionUID = 1L;

    /**
     * A deployment failure.
     *
     * @param message what is wrong and how to fix it, e.g. naming the method and its bad parameter
     */
    public DeploymentException(String message) {
        super(message);
    }

    /**
     * A deployment failure caused by another exception, such as a failed reflective lookup.
     *
     * @param message what is wrong and how to fix it
     * @param cause   the underlying failure, or null
     */
    public DeploymentException(String message, Throwable cause) {
        super(message, cause);
    }
}
