package dev.hearth.git;

import dev.hearth.activity.Activity;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.ReceiveCommand;

/**
 * What a set of applied ref updates means as events: per ref a push (with its new commits, the
 * newest {@value Activity.Pushed#MAX_LISTED_COMMITS} listed and all counted), plus branch and
 * tag creations and deletions.
 */
final class PushActivities {
    /** Counting stops here; a push of more new commits reports this many. */
    static final int MAX_COUNTED = 100_000;

    private PushActivities() {}

    static List<Activity> of(Repository db, Activity.RepoSnapshot repo, Activity.Actor actor,
                             Collection<ReceiveCommand> applied, Collection<ObjectId> tipsBefore) throws IOException {
        List<Activity> out = new ArrayList<>();
        try (RevWalk walk = new RevWalk(db)) {
            for (ReceiveCommand cmd : applied) {
                String ref = cmd.getRefName();
                Activity.RefKind kind = ref.startsWith(Constants.R_HEADS) ? Activity.RefKind.BRANCH
                        : ref.startsWith(Constants.R_TAGS) ? Activity.RefKind.TAG : Activity.RefKind.OTHER;
                boolean created = cmd.getType() == ReceiveCommand.Type.CREATE;
                boolean deleted = cmd.getType() == ReceiveCommand.Type.DELETE;
                if (created && kind != Activity.RefKind.OTHER) {
                    out.add(new Activity.RefCreated(repo, actor, ref, kind, cmd.getNewId().name()));
                }
                if (deleted && kind != Activity.RefKind.OTHER) out.add(new Activity.RefDeleted(repo, actor, ref, kind));
                NewCommits commits = deleted ? NewCommits.NONE
                        : newCommits(walk, cmd.getNewId(), created ? tipsBefore : List.of(cmd.getOldId()));
                out.add(new Activity.Pushed(repo, actor, ref, cmd.getOldId().name(), cmd.getNewId().name(), created, deleted,
                        cmd.getType() == ReceiveCommand.Type.UPDATE_NONFASTFORWARD, commits.listed(), commits.total()));
            }
        }
        return out;
    }

    /** The pushed commits of one ref update. */
    record NewCommits(List<Activity.CommitSummary> listed, int total) {
        static final NewCommits NONE = new NewCommits(List.of(), 0);
    }

    /** Commits reachable from {@code tip} and from none of {@code known}, newest listed, oldest first. */
    static NewCommits newCommits(RevWalk walk, ObjectId tip, Collection<ObjectId> known) throws IOException {
        walk.reset();
        RevCommit start = peelToCommit(walk, tip);
        if (start == null) return NewCommits.NONE;
        walk.markStart(start);
        for (ObjectId id : known) {
            if (id == null || ObjectId.zeroId().equals(id)) continue;
            RevCommit c = peelToCommit(walk, id);
            if (c != null) walk.markUninteresting(c);
        }
        List<Activity.CommitSummary> newest = new ArrayList<>();
        int total = 0;
        for (RevCommit c : walk) {
            if (newest.size() < Activity.Pushed.MAX_LISTED_COMMITS) newest.add(summary(c));
            if (++total >= MAX_COUNTED) break;
        }
        Collections.reverse(newest);
        return new NewCommits(List.copyOf(newest), total);
    }

    static Activity.CommitSummary summary(RevCommit c) {
        PersonIdent committer = ident(c, true);
        PersonIdent author = ident(c, false);
        String when = Instant.ofEpochSecond(c.getCommitTime())
                .atOffset(committer.getZoneOffset() == null ? ZoneOffset.UTC : committer.getZoneOffset()).toString();
        return new Activity.CommitSummary(c.name(), c.getTree().name(), c.getFullMessage(), when,
                new Activity.Person(author.getName(), author.getEmailAddress()),
                new Activity.Person(committer.getName(), committer.getEmailAddress()));
    }

    /**
     * The commit's author or committer; one JGit cannot read (a date past what {@link Instant}
     * holds, in a commit stored before such dates were refused) reads as nobody at the epoch,
     * so that the events of refs that moved can always be built.
     */
    private static PersonIdent ident(RevCommit c, boolean committer) {
        try {
            PersonIdent p = committer ? c.getCommitterIdent() : c.getAuthorIdent();
            if (p != null) return p;
        } catch (RuntimeException e) {
            // fall through
        }
        return new PersonIdent("", "", Instant.EPOCH, ZoneOffset.UTC);
    }

    private static RevCommit peelToCommit(RevWalk walk, ObjectId id) throws IOException {
        RevObject o = walk.peel(walk.parseAny(id));
        return o instanceof RevCommit c ? c : null;
    }
}
