package dev.hearth.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.GitCli;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraph;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraphLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit-graph maintenance writes: whole for every reader, while it is being replaced. */
class RepoMaintenanceTest {
    @TempDir
    Path tmp;

    @Test
    void readersNeverSeeAPartlyWrittenCommitGraph() throws Exception {
        GitCli git = new GitCli(Files.createDirectories(tmp.resolve("home")));
        Path work = tmp.resolve("work");
        git.run(tmp, "init", "-q", "-b", "main", work.toString()).ok();
        for (int i = 0; i < 300; i++) {
            Files.writeString(work.resolve("f" + (i % 40) + ".txt"), "version " + i + "\n");
            git.run(work, "add", "-A").ok();
            git.run(work, "commit", "-q", "-m", "commit " + i).ok();
        }
        Path graph = work.resolve(".git/objects/info/commit-graph");
        try (Repository repo = new FileRepositoryBuilder().setGitDir(work.resolve(".git").toFile()).setMustExist(true).build()) {
            RepoMaintenance.writeCommitGraph(repo);
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger reads = new AtomicInteger();
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                // Reads the file again and again while it is replaced; each read must parse whole.
                while (writing.get() || reads.get() == 0) {
                    try (InputStream in = Files.newInputStream(graph)) {
                        CommitGraph g = CommitGraphLoader.read(in, true);
                        assertThat(g.getCommitCnt()).isEqualTo(300);
                        reads.incrementAndGet();
                    } catch (IOException e) {
                        throw new AssertionError("a reader saw a broken commit-graph", e);
                    }
                }
            });
            try {
                for (int i = 0; i < 20; i++) {
                    RepoMaintenance.GraphWrite w = RepoMaintenance.writeCommitGraph(repo);
                    assertThat(w.commits()).isEqualTo(300);
                }
            } finally {
                writing.set(false);
            }
            reader.get(60, TimeUnit.SECONDS);
            assertThat(reads.get()).isPositive();
        }
        try (Stream<Path> files = Files.list(graph.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left").containsOnly("commit-graph");
        }
    }
}
