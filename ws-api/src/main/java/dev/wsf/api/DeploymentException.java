package dev.wsf.api;

/**
 * An endpoint or server cannot be deployed as configured: a bad method signature, a duplicate
 * path, an invalid path template. The message names what is wrong and how to fix it.
 *
 * @since 0.1
 */
public class DeploymentException extends WebSocketException {
    private static final long serialVersionUID = 1L;

    public DeploymentException(String message) {
        super(message);
    }

    public DeploymentException(String message, Throwable cause) {
        super(message, cause);
    }
}
