package dev.hearth.browse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefDatabase;
import org.eclipse.jgit.lib.Repository;

/**
 * The refs of a repository, sorted by name. Prefixes are matched in memory over all refs, never
 * handed to the ref database, which would read a prefix as a directory.
 */
final class Refs {
    private Refs() {}

    /**
     * A ref: its full name, the object it names, that object's type, and the object it peels to
     * (the commit behind an annotated tag; the object itself otherwise).
     */
    record Named(String name, ObjectId target, String type, ObjectId peeled, String peeledType) {
        /** The name without {@code refs/heads/} or {@code refs/tags/}. */
        String shortName() {
            return Repository.shortenRefName(name);
        }
    }

    /** Every ref whose full name starts with {@code prefix} (a plain string prefix, as GitHub's matching-refs). */
    static List<Named> matching(OpenRepo repo, String prefix) throws IOException {
        RefDatabase db = repo.git().getRefDatabase();
        List<Named> out = new ArrayList<>();
        for (Ref ref : db.getRefsByPrefix(Constants.R_REFS)) {
            if (!ref.getName().startsWith(prefix) || ref.getObjectId() == null) continue;
            Ref peeled = db.peel(ref);
            ObjectId target = ref.getObjectId();
            boolean annotated = peeled.getPeeledObjectId() != null;
            ObjectId end = annotated ? peeled.getPeeledObjectId() : target;
            String endType = Constants.typeString(repo.reader().open(end).getType());
            out.add(new Named(ref.getName(), target.copy(), annotated ? Constants.TYPE_TAG : endType, end.copy(),
                    endType));
        }
        out.sort(Comparator.comparing(Named::name));
        return out;
    }

    /** Branches, whose peeled object is a commit. */
    static List<Named> branches(OpenRepo repo) throws IOException {
        return matching(repo, Constants.R_HEADS).stream().filter(r -> r.peeledType().equals(Constants.TYPE_COMMIT)).toList();
    }

    /** Tags that end at a commit (a tag of a tree or blob has no commit to show). */
    static List<Named> tags(OpenRepo repo) throws IOException {
        return matching(repo, Constants.R_TAGS).stream().filter(r -> r.peeledType().equals(Constants.TYPE_COMMIT)).toList();
    }
}
