package dev.hearth.git;

import dev.hearth.accounts.Principal;
import dev.hearth.activity.Activity;
import dev.hearth.repos.RepoService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;

/**
 * The last pre-receive step: applies the ref updates itself (as JGit would, in one batch) and
 * records their events before JGit reports "ok" to the client, so a push git was told about is
 * never missing from the event stream. JGit then skips the commands, which are no longer pending.
 */
final class PushRecorder implements PreReceiveHook {
    private final RepoService repos;
    private final RepoMaintenance maintenance;
    private final dev.hearth.repos.Repository repo;
    private final Principal pusher;

    PushRecorder(RepoService repos, RepoMaintenance maintenance, dev.hearth.repos.Repository repo, Principal pusher) {
        this.repos = repos;
        this.maintenance = maintenance;
        this.repo = repo;
        this.pusher = pusher;
    }

    @Override
    public void onPreReceive(ReceivePack rp, Collection<ReceiveCommand> commands) {
        List<ReceiveCommand> pending = commands.stream()
                .filter(c -> c.getResult() == ReceiveCommand.Result.NOT_ATTEMPTED).toList();
        if (pending.isEmpty()) return;
        Repository db = rp.getRepository();
        try {
            List<ObjectId> tipsBefore = db.getRefDatabase().getRefs().stream()
                    .map(Ref::getObjectId).filter(java.util.Objects::nonNull).toList();
            BatchRefUpdate batch = db.getRefDatabase().newBatchUpdate();
            batch.setAllowNonFastForwards(rp.isAllowNonFastForwards());
            batch.setAtomic(rp.isAtomic());
            batch.setRefLogIdent(rp.getRefLogIdent());
            batch.setRefLogMessage("push", true);
            batch.setPushCertificate(rp.getPushCertificate());
            batch.addCommand(pending);
            batch.execute(rp.getRevWalk(), NullProgressMonitor.INSTANCE);
            List<ReceiveCommand> applied = pending.stream().filter(c -> c.getResult() == ReceiveCommand.Result.OK).toList();
            if (applied.isEmpty()) return;
            List<Activity> happened = PushActivities.of(db, RepoService.snapshot(repo), RepoService.actor(pusher), applied, tipsBefore);
            repos.recordPush(repo.id(), happened);
            maintenance.afterPush(repo.id());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
