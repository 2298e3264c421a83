package dev.hearth.config;

/** A configuration value that cannot be used; the message names where it came from and why. */
public final class SettingsException extends RuntimeException {
    public SettingsException(String message) {
        super(message);
    }
}
