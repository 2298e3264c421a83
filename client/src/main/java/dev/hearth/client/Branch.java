package dev.hearth.client;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A branch of a listing: its name and head commit. */
public record Branch(String name, ShaUrl commit, @JsonProperty("protected") boolean isProtected) {

    /** An object named by its sha, with the API URL that shows it. */
    public record ShaUrl(String sha, String url) {}
}
