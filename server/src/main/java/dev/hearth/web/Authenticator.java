package dev.hearth.web;

/**
 * Checks credentials and names the caller, or throws an unauthenticated
 * {@link dev.hearth.error.HearthException}. Implemented by the accounts feature.
 */
@FunctionalInterface
public interface Authenticator<P extends Caller> {
    P authenticate(Credentials credentials);
}
