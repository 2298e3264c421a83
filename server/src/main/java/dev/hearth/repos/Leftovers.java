package dev.hearth.repos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.function.LongPredicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.util.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a crash leaves in the repository store, found and removed: ref lock files that would block
 * every later update of their ref ({@code refs/heads/main.lock}, {@code packed-refs.lock}), the
 * temporary packs of interrupted receives and repacks ({@code objects/pack/incoming_*},
 * {@code gc_*_tmp}), repository folders without a row (a create interrupted between the folder and
 * the commit), and {@code .trash/} entries a deletion did not finish.
 *
 * <p>Only what is old enough to belong to nobody is touched: JGit holds a ref lock for
 * milliseconds, so one older than {@link #LOCK_AGE} is stale; a receive or repack in progress
 * keeps writing its temporary file, so one unchanged for {@link #TEMP_AGE} is abandoned. Ages are
 * read against the system clock, as the file times are written by it.
 */
public final class Leftovers {
    private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);
    static final Duration LOCK_AGE = Duration.ofMinutes(1);
    static final Duration TEMP_AGE = Duration.ofHours(1);
    private static final Pattern REPO_DIR = Pattern.compile("(\\d+)\\.git");
    private static final Pattern TEMP_PACK = Pattern.compile("(incoming_|gc_|pack_).*|.*(_tmp|\\.tmp)");

    private final Path root;

    public Leftovers(RepoStore store) {
        this.root = store.root();
    }

    /** What one sweep removed. */
    public record Report(int locks, int tempFiles, int orphans, int trash) {
        public boolean isEmpty() {
            return locks + tempFiles + orphans + trash == 0;
        }
    }

    /** Sweeps the whole store; {@code registered} says whether a repository id has its row. */
    public Report sweep(LongPredicate registered) {
        int[] counts = new int[4];
        try (DirectoryStream<Path> first = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path a : first) {
                if (a.getFileName().toString().equals(".trash")) {
                    counts[3] += clearTrash(a);
                    continue;
                }
                try (DirectoryStream<Path> second = Files.newDirectoryStream(a, Files::isDirectory)) {
                    for (Path b : second) {
                        try (DirectoryStream<Path> repos = Files.newDirectoryStream(b, Files::isDirectory)) {
                            for (Path gitDir : repos) {
                                var m = REPO_DIR.matcher(gitDir.getFileName().toString());
                                if (!m.matches()) continue;
                                if (!registered.test(Long.parseLong(m.group(1)))) {
                                    if (olderThan(gitDir, TEMP_AGE)) {
                                        FileUtils.delete(gitDir.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
                                        counts[2]++;
                                    }
                                    continue;
                                }
                                Report r = cleanRepository(gitDir);
                                counts[0] += r.locks();
                                counts[1] += r.tempFiles();
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sweep the repository store " + root, e);
        }
        Report report = new Report(counts[0], counts[1], counts[2], counts[3]);
        if (!report.isEmpty()) LOG.info("Removed what crashes left in {}: {}", root, report);
        return report;
    }

    /** Removes one repository's stale ref locks and abandoned temporary packs. */
    public static Report cleanRepository(Path gitDir) throws IOException {
        int locks = 0;
        int temps = 0;
        for (String name : new String[] {"packed-refs.lock", "HEAD.lock", "config.lock"}) {
            if (removeIfOlder(gitDir.resolve(name), LOCK_AGE)) locks++;
        }
        Path refs = gitDir.resolve("refs");
        if (Files.isDirectory(refs)) {
            try (Stream<Path> files = Files.walk(refs)) {
                for (Path p : (Iterable<Path>) files.filter(f -> f.getFileName().toString().endsWith(".lock"))::iterator) {
                    if (removeIfOlder(p, LOCK_AGE)) locks++;
                }
            }
        }
        Path pack = gitDir.resolve("objects/pack");
        if (Files.isDirectory(pack)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(pack)) {
                for (Path p : files) {
                    if (TEMP_PACK.matcher(p.getFileName().toString()).matches() && removeIfOlder(p, TEMP_AGE)) temps++;
                }
            }
        }
        return new Report(locks, temps, 0, 0);
    }

    /** Before updating these refs: removes their lock files (and packed-refs') if stale, so a crash's lock cannot block them. */
    public static void clearStaleRefLocks(Path gitDir, Collection<String> refNames) {
        try {
            removeIfOlder(gitDir.resolve("packed-refs.lock"), LOCK_AGE);
            for (String ref : refNames) removeIfOlder(gitDir.resolve(ref + ".lock"), LOCK_AGE);
        } catch (IOException e) {
            LOG.warn("Could not check for stale ref locks in {}: {}", gitDir, e.toString());
        }
    }

    private static int clearTrash(Path trash) throws IOException {
        int n = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(trash)) {
            for (Path p : entries) {
                if (!olderThan(p, LOCK_AGE)) continue; // a deletion may be under way
                FileUtils.delete(p.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
                n++;
            }
        }
        return n;
    }

    private static boolean removeIfOlder(Path p, Duration age) throws IOException {
        if (!Files.isRegularFile(p) || !olderThan(p, age)) return false;
        Files.deleteIfExists(p);
        return true;
    }

    private static boolean olderThan(Path p, Duration age) throws IOException {
        return Files.getLastModifiedTime(p).toInstant().isBefore(Instant.now().minus(age));
    }
}
