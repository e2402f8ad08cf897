package dev.touchmark.cli;

/** A command that cannot do what was asked; the message says what to fix, the exit code what kind of failure it is. */
public class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    /** Refused: exit code 1. */
    public CliException(String message) {
        this(message, 1);
    }

    public CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The process's exit code for this failure. */
    public int exitCode() {
        return exitCode;
    }
}
