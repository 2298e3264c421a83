package dev.hearth.git;

import dev.hearth.accounts.Principal;
import dev.hearth.audit.Actor;
import dev.hearth.error.HearthException;
import dev.hearth.repos.RepoAction;
import dev.hearth.repos.RepoService;
import dev.hearth.repos.RepoStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Commits made through the API, on a bare repository: no working tree, an in-core index read
 * from the branch tip, edited, written as a tree, committed, and the branch moved through the
 * {@link WritePath} with a compare-and-set: the same checks, events, audit and maintenance as a
 * push. A refused update is a 403 with the reason; a branch that moved meanwhile is a 409, never a
 * lost commit.
 */
public final class CommitWriter {
    private final RepoStore store;
    private final PushPolicy policy;
    private final WritePath writes;
    private final Clock clock;

    public CommitWriter(RepoStore store, PushPolicy policy, WritePath writes, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.writes = writes;
        this.clock = clock;
    }

    /** One change to the tree: a file written from an inserted blob, or a file removed. */
    public sealed interface Change {
        RepoPath path();

        record Write(RepoPath path, ObjectId blob) implements Change {}

        record Remove(RepoPath path) implements Change {}
    }

    /** A file as the branch tip has it. */
    public record Existing(ObjectId blob, FileMode mode) {}

    /** What a commit made: the commit and the tree state of each changed path. */
    public record Written(RevCommit commit, String branch) {}

    /** Work on the tip of a branch: what is there now, where new blobs go. */
    public interface Edit {
        /** The file at a path on the tip, if there is one; 422 if the path or a prefix of it is not a file. */
        Optional<Existing> file(RepoPath path);

        /** Stores a file's content, within the push object-size limit (413 past it). */
        ObjectId insert(RepoPath path, long size, java.io.InputStream content) throws IOException;
    }

    @FunctionalInterface
    public interface Plan {
        List<Change> changes(Edit edit) throws IOException;
    }

    /**
     * Commits the plan's changes on {@code branch} (the default branch when null). An empty
     * repository gets its first commit on its default branch.
     */
    public Written commit(RepoService.Access access, Principal who, Actor from, String branch, String message, Plan plan) {
        access.require(RepoAction.PUSH);
        if (message == null || message.isBlank()) throw HearthException.invalid("message", "must not be empty");
        String target = branch == null || branch.isBlank() ? access.repo().defaultBranch() : branch;
        if (!Repository.isValidRefName(Constants.R_HEADS + target)) {
            throw HearthException.invalid("branch", "'" + target + "' is not a valid branch name");
        }
        try (Repository db = store.open(access.repo().id());
             ObjectInserter inserter = db.newObjectInserter();
             ObjectReader reader = inserter.newReader();
             RevWalk walk = new RevWalk(reader)) {
            Ref ref = db.exactRef(Constants.R_HEADS + target);
            RevCommit parent = ref == null ? null : walk.parseCommit(ref.getObjectId());
            if (parent == null && !(target.equals(access.repo().defaultBranch()) && db.getRefDatabase().getRefsByPrefix(Constants.R_HEADS).isEmpty())) {
                throw HearthException.notFound("Branch " + target + " not found");
            }
            List<Change> changes = plan.changes(new TipEdit(reader, inserter, parent, policy));
            ObjectId tree;
            try {
                tree = writeTree(reader, inserter, parent, changes);
            } catch (StackOverflowError e) {
                // JGit's index code recurses once per folder level: a tree pushed before the depth
                // limit existed can be deeper than a request's stack allows.
                throw HearthException.invalid("branch", "the tree of " + target + " is nested too deeply to edit through the "
                        + "API (paths here may be " + RepoPath.MAX_DEPTH + " levels deep); push the change instead");
            }
            PersonIdent ident = new PersonIdent(who.login(), who.user().email(), clock.instant(), ZoneOffset.UTC);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree);
            if (parent != null) commit.setParentId(parent);
            commit.setAuthor(ident);
            commit.setCommitter(ident);
            commit.setMessage(message.endsWith("\n") ? message : message + "\n");
            ObjectId commitId = inserter.insert(commit);
            inserter.flush();
            WritePath.RefChange change = new WritePath.RefChange(Constants.R_HEADS + target,
                    parent == null ? ObjectId.zeroId() : parent.getId(), commitId);
            WritePath.Request request = new WritePath.Request(access, from, new PersonIdent(who.login(), who.user().email()),
                    "commit via API", List.of(change), true);
            switch (writes.apply(db, request).getFirst()) {
                case WritePath.RefResult.Applied a -> { }
                case WritePath.RefResult.Refused r -> throw HearthException.denied(r.reason());
                case WritePath.RefResult.Aborted a -> throw HearthException.conflict(
                        "The branch " + target + " moved while committing; fetch its tip and retry");
                case WritePath.RefResult.Conflict c -> throw HearthException.conflict(
                        "The branch " + target + " moved while committing; fetch its tip and retry");
            }
            return new Written(walk.parseCommit(commitId), target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tip's tree with the changes applied, written. */
    private static ObjectId writeTree(ObjectReader reader, ObjectInserter inserter, RevCommit parent, List<Change> changes)
            throws IOException {
        DirCache index = parent == null ? DirCache.newInCore() : DirCache.read(reader, parent.getTree());
        DirCacheEditor editor = index.editor();
        for (Change change : changes) {
            switch (change) {
                case Change.Write w -> editor.add(new DirCacheEditor.PathEdit(w.path().value()) {
                    @Override
                    public void apply(DirCacheEntry entry) {
                        // An executable file stays executable when its content changes.
                        if (entry.getFileMode() != FileMode.EXECUTABLE_FILE) entry.setFileMode(FileMode.REGULAR_FILE);
                        entry.setObjectId(w.blob());
                    }
                });
                case Change.Remove r -> editor.add(new DirCacheEditor.DeletePath(r.path().value()));
            }
        }
        editor.finish();
        return index.writeTree(inserter);
    }

    /** Looks up paths on the tip and checks that nothing on the way is a file. */
    private record TipEdit(ObjectReader reader, ObjectInserter inserter, RevCommit tip, PushPolicy policy) implements Edit {
        @Override
        public ObjectId insert(RepoPath path, long size, java.io.InputStream content) throws IOException {
            policy.checkObjectSize(path.value(), size);
            String name = path.name().toLowerCase(java.util.Locale.ROOT);
            if (name.equals(".gitattributes") || name.equals(Constants.DOT_GIT_MODULES)) {
                // The same content rules as a push (C git's fsck), so both ways in agree.
                byte[] bytes = content.readNBytes((int) Math.min(size, Integer.MAX_VALUE - 8));
                java.util.Optional<String> problem = ObjectRules.fileProblem(path.value(), bytes);
                if (problem.isPresent()) throw HearthException.invalid("content", problem.get());
                return inserter.insert(Constants.OBJ_BLOB, bytes);
            }
            return inserter.insert(Constants.OBJ_BLOB, size, content);
        }

        @Override
        public Optional<Existing> file(RepoPath path) {
            if (tip == null) return Optional.empty();
            try {
                String[] parts = path.value().split("/");
                StringBuilder prefix = new StringBuilder();
                for (int i = 0; i < parts.length; i++) {
                    if (i > 0) prefix.append('/');
                    prefix.append(parts[i]);
                    try (TreeWalk tw = TreeWalk.forPath(reader, prefix.toString(), tip.getTree())) {
                        if (tw == null) return Optional.empty();
                        FileMode mode = tw.getFileMode(0);
                        boolean last = i == parts.length - 1;
                        if (!last && mode != FileMode.TREE) {
                            throw HearthException.invalid("path", "'" + prefix + "' is a file, not a folder");
                        }
                        if (last) {
                            if (mode == FileMode.TREE) throw HearthException.invalid("path", "'" + path.value() + "' is a folder");
                            if (mode == FileMode.GITLINK) throw HearthException.invalid("path", "'" + path.value() + "' is a submodule");
                            return Optional.of(new Existing(tw.getObjectId(0), mode));
                        }
                    }
                }
                return Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
