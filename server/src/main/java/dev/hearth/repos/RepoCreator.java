package dev.hearth.repos;

import dev.hearth.accounts.Principal;
import dev.hearth.audit.Actor;

/**
 * Makes a new repository for the routes that offer it (the API's {@code POST /user/repos}, the
 * web form). {@link RepoService#create} makes the registry row and the empty repository; a first
 * commit ({@code auto_init}) moves a ref, which only the git feature's write path does, so the
 * composition root hands the routes the git feature's implementation.
 */
@FunctionalInterface
public interface RepoCreator {
    /** Creates the repository; with {@code autoInit}, its default branch starts with a README. */
    Repository create(Principal caller, RepoService.NewRepo spec, boolean autoInit, Actor from);
}
