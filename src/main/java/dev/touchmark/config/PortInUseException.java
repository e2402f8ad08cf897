package dev.touchmark.config;

/** The configured port is taken by another process: the server cannot start, and nothing was written. */
public final class PortInUseException extends ConfigException {
    private static final long serialVersionUID = 1L;
    private final int port;

    public PortInUseException(int port) {
        super("port " + port + " is already in use; stop the other process or set TOUCHMARK_PORT (or serve --port) to a free port");
        this.port = port;
    }

    /** The port that is taken. */
    public int port() {
        return port;
    }
}
