package dev.touchmark.error;

/** The request is well-formed but the current state forbids it (an illegal status move, say). */
public class ConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
