package dev.hearth.repos;

import java.util.List;
import java.util.Optional;

/** Proofs of access for unit tests outside this package, made by a real policy with no grant sources. */
public final class TestAccess {
    private TestAccess() {}

    /** What an anonymous visitor gets on {@code repo} (public: read; private: nothing). */
    public static RepoService.Access anonymous(Repository repo) {
        return new AccessPolicy(List.of()).access(Optional.empty(), repo);
    }
}
