package dev.touchmark.http;

/** No or a wrong API key. */
public class Unauthorized extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Unauthorized(String message) {
        super(message);
    }
}
