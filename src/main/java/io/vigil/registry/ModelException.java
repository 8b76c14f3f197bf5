package io.vigil.registry;

/** A model directory is missing, malformed, of an unknown format, or fails its checks. */
public class ModelException extends RuntimeException {
    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
