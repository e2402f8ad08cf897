package dev.touchmark.code;

/** A scanned text that is not a Touchmark code; the message says what is wrong with it. */
public class CodeParseException extends Exception {
    private static final long serialVersionUID = 1L;

    public CodeParseException(String message) {
        super(message);
    }
}
