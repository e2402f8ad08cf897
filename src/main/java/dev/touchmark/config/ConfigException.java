package dev.touchmark.config;

/** Bad configuration: the message is one line that says what to set. */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
