package dev.touchmark.error;

/** The thing asked for does not exist, or belongs to another brand (both answer 404 so ids do not leak). */
public class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
