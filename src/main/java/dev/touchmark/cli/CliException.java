package dev.touchmark.cli;

/** A command that cannot do what was asked; the message says what to fix. */
public class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }
}
