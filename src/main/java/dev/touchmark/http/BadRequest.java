package dev.touchmark.http;

/** A request that cannot be read at all (malformed JSON, a bad query parameter). */
public class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadRequest(String message) {
        super(message);
    }
}
