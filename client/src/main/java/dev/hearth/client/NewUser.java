package dev.hearth.client;

/** What a site admin gives to create a user. */
public record NewUser(String login, String email, String password) {}
