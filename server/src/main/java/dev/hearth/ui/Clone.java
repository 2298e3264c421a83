package dev.hearth.ui;

/** The clone URLs of a repository; {@code ssh} is null when SSH is off. */
public record Clone(String http, String ssh) {}
