package dev.touchmark.http;

/** Authenticated, but not allowed to do this (a role too low, a missing CSRF token). */
public class Forbidden extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Forbidden(String message) {
        super(message);
    }
}
