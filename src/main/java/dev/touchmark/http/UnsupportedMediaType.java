package dev.touchmark.http;

/** The request body is not of a type this endpoint reads (answered 415). */
public class UnsupportedMediaType extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnsupportedMediaType(String message) {
        super(message);
    }
}
