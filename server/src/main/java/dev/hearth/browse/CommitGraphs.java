package dev.hearth.browse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraph;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraphLoader;
import org.eclipse.jgit.lib.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit-graph file that maintenance writes ({@code objects/info/commit-graph}), loaded with
 * its changed-path Bloom filters and kept while the file stays the same.
 *
 * <p>Why not JGit's own {@code ObjectReader.getCommitGraph()}: it is only there when the
 * repository sets {@code core.commitGraph}, and JGit loads the Bloom filters only when the
 * <em>user-wide</em> JGit config ({@code ~/.config/jgit/config}) sets
 * {@code commitGraph.readChangedPaths}; neither is a per-repository choice Hearth should need.
 * Loading the file here keeps both JGit defaults untouched for every other reader.
 *
 * <p>The file is replaced by an atomic rename, never rewritten in place, so a read sees one whole
 * version; a file that does not parse is treated as absent (the walk then reads commits instead).
 */
final class CommitGraphs {
    private static final Logger LOG = LoggerFactory.getLogger(CommitGraphs.class);

    /** A loaded file, valid while the file's size, time and inode are the ones read. */
    private record Loaded(Object fileKey, long size, long modified, CommitGraph graph) {}

    private final Cache<Path, Loaded> cache;

    CommitGraphs(long maxBytes) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Path path, Loaded loaded) -> (int) Math.min(Integer.MAX_VALUE, loaded.size() + 256))
                .build();
    }

    /** The repository's commit-graph, if it has a readable one. */
    Optional<CommitGraph> of(Repository repo) {
        if (repo.getDirectory() == null) return Optional.empty(); // not on disk (DFS, in memory)
        Path file = repo.getDirectory().toPath().resolve("objects/info/commit-graph");
        try {
            BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class);
            Loaded hit = cache.getIfPresent(file);
            if (hit != null && same(hit, now)) return Optional.of(hit.graph());
            CommitGraph graph;
            try (InputStream in = Files.newInputStream(file)) {
                graph = CommitGraphLoader.read(in, true);
            }
            // Stamped with the attributes read before the file: if it was replaced in between,
            // the next call sees a newer time and loads again.
            cache.put(file, new Loaded(now.fileKey(), now.size(), now.lastModifiedTime().toMillis(), graph));
            return Optional.of(graph);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring the commit-graph of {}: {}", repo.getDirectory(), e.toString());
            return Optional.empty();
        }
    }

    private static boolean same(Loaded loaded, BasicFileAttributes now) {
        return loaded.size() == now.size() && loaded.modified() == now.lastModifiedTime().toMillis()
                && java.util.Objects.equals(loaded.fileKey(), now.fileKey());
    }
}
