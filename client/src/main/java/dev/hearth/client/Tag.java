package dev.hearth.client;

/** A tag and the commit it points at (annotated tags peeled). */
public record Tag(String name, Branch.ShaUrl commit, String zipballUrl, String tarballUrl) {}
