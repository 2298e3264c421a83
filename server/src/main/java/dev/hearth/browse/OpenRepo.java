package dev.hearth.browse;

import dev.hearth.error.HearthException;
import dev.hearth.repos.RepoStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * One repository opened for one request: Hearth's record of it and JGit's object store. Not
 * thread-safe; whoever opens it closes it.
 *
 * <p>Refs are resolved by hand, never through {@code Repository.resolve}: a client's string is a
 * sha, a branch, a tag or an abbreviated sha, and nothing else (no {@code HEAD~3:path}
 * expressions, no names that are not valid ref names reaching the ref database).
 */
final class OpenRepo implements AutoCloseable {
    static final String EMPTY = "Git Repository is empty.";
    private static final Pattern ABBREVIATED = Pattern.compile("[0-9a-f]{7,39}");

    private final dev.hearth.repos.Repository meta;
    private final Repository git;
    private final ObjectReader reader;
    private final RevWalk walk;
    private boolean refreshed;

    private OpenRepo(dev.hearth.repos.Repository meta, Repository git) {
        this.meta = meta;
        this.git = git;
        this.reader = git.newObjectReader();
        this.walk = new RevWalk(reader);
    }

    /** Opens the repository the policy let the caller read ({@code access} is the proof). */
    static OpenRepo open(RepoStore store, dev.hearth.repos.RepoService.Access access) {
        if (!access.may(dev.hearth.repos.RepoAction.READ)) {
            throw dev.hearth.error.HearthException.notFound("Repository " + access.repo().fullName() + " not found");
        }
        dev.hearth.repos.Repository meta = access.repo();
        try {
            return new OpenRepo(meta, store.open(meta.id()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open repository " + meta.id(), e);
        }
    }

    dev.hearth.repos.Repository meta() {
        return meta;
    }

    long id() {
        return meta.id();
    }

    Repository git() {
        return git;
    }

    ObjectReader reader() {
        return reader;
    }

    RevWalk walk() {
        return walk;
    }

    /** No refs at all: nothing was ever pushed. GitHub calls that an empty repository. */
    boolean isEmpty() throws IOException {
        return git.getRefDatabase().getRefsByPrefix(Constants.R_REFS).isEmpty();
    }

    /** The commit a ref names (the default branch when null or blank); 409 when empty, else 404. */
    RevCommit commit(String ref) throws IOException {
        String name = ref == null || ref.isBlank() ? meta.defaultBranch() : ref;
        Optional<ObjectId> id = resolve(name);
        if (id.isEmpty()) {
            if (isEmpty()) throw HearthException.conflict(EMPTY);
            throw HearthException.notFound("No commit found for the ref " + name);
        }
        try {
            return walk.parseCommit(id.get()); // peels annotated tags
        } catch (IncorrectObjectTypeException | MissingObjectException e) {
            throw HearthException.notFound("No commit found for the ref " + name);
        }
    }

    /** A full sha, a branch, a tag or an abbreviated sha, in that order; empty when none fits. */
    Optional<ObjectId> resolve(String ref) throws IOException {
        if (ref == null || ref.isEmpty() || ref.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) return Optional.empty();
        if (isFullSha(ref)) return object(ref);
        Optional<Ref> named = ref.startsWith(Constants.R_REFS) ? exact(ref)
                : exact(Constants.R_HEADS + ref).or(() -> exactUnchecked(Constants.R_TAGS + ref));
        if (named.isPresent()) return Optional.of(named.get().getObjectId());
        if (ABBREVIATED.matcher(ref).matches()) {
            Collection<ObjectId> matches = reader.resolve(AbbreviatedObjectId.fromString(ref));
            if (matches.size() == 1) return Optional.of(matches.iterator().next());
        }
        return Optional.empty();
    }

    /** A ref that {@link #resolve} reads, and the path that followed it. */
    record RefAndPath(String ref, String path) {}

    /**
     * Splits {@code ref/with/slashes/and/a/path} as GitHub's and Gitea's pages do: the longest
     * leading run of segments that names a ref (a branch {@code feature/x} wins over a tag
     * {@code feature} with a folder {@code x}) is the ref, the rest the path, unchecked; empty
     * when no leading run names one. With {@code pathRequired} the path has one segment at least.
     * Every route that takes a ref and a path in one (the raw files, the tree and blob pages) splits here.
     */
    Optional<RefAndPath> locate(String refAndPath, boolean pathRequired) throws IOException {
        List<String> segments = List.of(refAndPath.split("/"));
        for (int i = pathRequired ? segments.size() - 1 : segments.size(); i >= 1; i--) {
            String ref = String.join("/", segments.subList(0, i));
            if (resolve(ref).isPresent()) return Optional.of(new RefAndPath(ref, String.join("/", segments.subList(i, segments.size()))));
        }
        return Optional.empty();
    }

    /** A branch by its short name. */
    Optional<Ref> branch(String name) throws IOException {
        return exact(Constants.R_HEADS + name);
    }

    /** An object by its full sha, if this repository has it. */
    Optional<ObjectId> object(String sha) throws IOException {
        if (!isFullSha(sha)) return Optional.empty();
        ObjectId id = ObjectId.fromString(sha);
        return reader.has(id) ? Optional.of(id) : Optional.empty();
    }

    /**
     * Only a valid ref name reaches the ref database, which reads loose refs as files. A miss
     * gets a second look: JGit reads packed-refs before the loose file, so while the background
     * repack after a push moves refs into packed-refs, a ref can be in neither copy it saw.
     */
    Optional<Ref> exact(String fullName) throws IOException {
        if (!Repository.isValidRefName(fullName)) return Optional.empty();
        Ref ref = git.getRefDatabase().exactRef(fullName);
        if (ref == null && !refreshed) {
            refreshed = true; // the race is a moment long: one second look per request is enough
            git.getRefDatabase().refresh();
            ref = git.getRefDatabase().exactRef(fullName);
        }
        return Optional.ofNullable(ref).filter(r -> r.getObjectId() != null);
    }

    private Optional<Ref> exactUnchecked(String fullName) {
        try {
            return exact(fullName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A full or abbreviated commit id (7 to 40 hex digits), as opposed to a branch or tag name. */
    static boolean looksLikeSha(String text) {
        return isFullSha(text) || (text != null && ABBREVIATED.matcher(text).matches());
    }

    static boolean isFullSha(String text) {
        return text != null && text.length() == Constants.OBJECT_ID_STRING_LENGTH && text.chars()
                .allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    @Override
    public void close() {
        walk.close();
        reader.close();
        git.close();
    }
}
