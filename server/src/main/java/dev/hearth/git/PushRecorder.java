package dev.hearth.git;

import dev.hearth.audit.Actor;
import dev.hearth.repos.RepoService;
import java.util.Collection;
import java.util.List;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;

/**
 * A push's way into the {@link WritePath}: the pre-receive step that hands the commands JGit
 * let through (objects received and checked) to the write path, and writes its per-ref results
 * back onto the commands, which JGit reports to the client before it says anything else. JGit
 * then skips the commands, none of which is pending any more.
 */
final class PushRecorder implements PreReceiveHook {
    private final WritePath writes;
    private final RepoService.Access access;
    private final Actor pusher;

    PushRecorder(WritePath writes, RepoService.Access access, Actor pusher) {
        this.writes = writes;
        this.access = access;
        this.pusher = pusher;
    }

    @Override
    public void onPreReceive(ReceivePack rp, Collection<ReceiveCommand> commands) {
        List<ReceiveCommand> pending = commands.stream()
                .filter(c -> c.getResult() == ReceiveCommand.Result.NOT_ATTEMPTED).toList();
        if (pending.isEmpty()) return;
        WritePath.Request request = new WritePath.Request(access, pusher, rp.getRefLogIdent(), "push",
                pending.stream().map(WritePath.RefChange::of).toList(), rp.isAtomic());
        List<WritePath.RefResult> results = writes.apply(rp.getRepository(), request);
        for (int i = 0; i < pending.size(); i++) {
            ReceiveCommand cmd = pending.get(i);
            switch (results.get(i)) {
                case WritePath.RefResult.Applied a -> cmd.setResult(ReceiveCommand.Result.OK);
                case WritePath.RefResult.Refused r -> cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, r.reason());
                case WritePath.RefResult.Aborted a -> cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, a.reason());
                case WritePath.RefResult.Conflict c -> cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, c.reason());
            }
        }
    }
}
