/*
 * LastCommitBench: times "last commit of every entry" of one folder (issue 6) for bench/last-commit.sh.
 *
 * Runs against Hearth's built classes (server/target/classes + server/target/lib/*) on a bare repository:
 *
 *   java -cp CP LastCommitBench.java --git-dir DIR --dir big --what WHAT [--runs N] [--ref main]
 *
 * WHAT is one of
 *   write-graph   RepoMaintenance.writeCommitGraph (what maintenance runs after pushes); prints time and filters
 *   repack        JGit's GC.repack + prunePacked, as Hearth's maintenance does after a push (one pack, bitmap)
 *   drop-graph    deletes objects/info/commit-graph
 *   naive         one JGit RevWalk per entry with a path filter (`git log -1 -- dir/entry`), N runs; with
 *                 --sample K only every K-th entry, and the time is multiplied by K ("naive-est")
 *   first         the first request in this JVM: open the repository, LastCommits.of (no cache, cold JIT,
 *                 graph not loaded yet); the script starts one JVM per run. Also prints "first-of": the
 *                 same without opening the repository and reading its pack index (any first request pays that)
 *   fresh         N runs in one JVM, each with a new LastCommits and a newly opened repository (empty
 *                 caches, JIT warm)
 *   warm          N runs of LastCommits.of on one instance: the cached answer
 *   push          N runs: a new LastCommits answers for REF~10 first (not timed), then REF is timed (the
 *                 page after a push of 10 commits: the walk stops where it meets the cached answer)
 *   verify        LastCommits.of against the naive walk, entry by entry (or against the answers a naive run wrote
 *                 with --answers FILE); exits 1 on a difference
 *
 * Prints one line per WHAT: "RESULT what runs=N median_ms=... p90_ms=... min_ms=... max_ms=... entries=..."
 */
import dev.hearth.browse.LastCommits;
import dev.hearth.git.RepoMaintenance;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

public class LastCommitBench {
    static final long CACHE_BYTES = 64L << 20;

    public static void main(String[] args) throws Exception {
        String gitDir = null, dir = "big", what = null, ref = "main", answers = null;
        int runs = 5, sample = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--git-dir" -> gitDir = args[++i];
                case "--dir" -> dir = args[++i];
                case "--what" -> what = args[++i];
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--ref" -> ref = args[++i];
                case "--answers" -> answers = args[++i];
                case "--sample" -> sample = Integer.parseInt(args[++i]);
                default -> usage();
            }
        }
        if (gitDir == null || what == null) usage();
        File git = new File(gitDir);
        // JGit's pack and delta-base caches as Hearth sizes them at start (app/Hearth.java).
        dev.hearth.git.GitTuning.install(Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 4));
        if (System.getenv("DELTA_CACHE_MB") != null) { // experiment: a bigger delta-base cache
            org.eclipse.jgit.storage.file.WindowCacheConfig c = new org.eclipse.jgit.storage.file.WindowCacheConfig();
            c.setPackedGitLimit(Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 4));
            c.setPackedGitWindowSize(64 * 1024);
            c.setDeltaBaseCacheLimit(Integer.parseInt(System.getenv("DELTA_CACHE_MB")) << 20);
            c.install();
        }
        switch (what) {
            case "write-graph" -> {
                try (Repository repo = open(git)) {
                    long t0 = System.nanoTime();
                    RepoMaintenance.GraphWrite w = RepoMaintenance.writeCommitGraph(repo);
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    System.out.printf("RESULT write-graph ms=%d commits=%d filters_reused=%d filters_computed=%d bytes=%d%n", ms,
                            w.commits(), w.filtersReused(), w.filtersComputed(), Files.size(git.toPath().resolve("objects/info/commit-graph")));
                }
            }
            case "repack" -> {
                try (Repository repo = open(git)) {
                    long t0 = System.nanoTime();
                    org.eclipse.jgit.internal.storage.file.GC gc = new org.eclipse.jgit.internal.storage.file.GC((org.eclipse.jgit.internal.storage.file.FileRepository) repo);
                    gc.repack();
                    gc.prunePacked();
                    System.out.printf("RESULT repack ms=%d%n", (System.nanoTime() - t0) / 1_000_000);
                }
            }
            case "drop-graph" -> Files.deleteIfExists(git.toPath().resolve("objects/info/commit-graph"));
            case "naive" -> {
                List<Long> times = new ArrayList<>();
                int entries = 0;
                for (int r = 0; r < runs; r++) {
                    try (Repository repo = open(git)) {
                        ObjectId tip = repo.resolve(ref);
                        long t0 = System.nanoTime(), c0 = cpu();
                        Map<String, String> result = naive(repo, tip, dir, sample);
                        times.add(System.nanoTime() - t0);
                        CPU.add((cpu() - c0) * sample);
                        entries = result.size();
                        if (answers != null) {
                            StringBuilder sb = new StringBuilder();
                            result.forEach((name, sha) -> sb.append(sha).append(' ').append(name).append('\n'));
                            Files.writeString(Path.of(answers), sb.toString());
                        }
                    }
                }
                // With --sample K only every K-th entry is walked: the time is multiplied by K (an estimate).
                int k = sample;
                report(k == 1 ? "naive" : "naive-est", times.stream().map(t -> t * k).toList(), entries * k);
            }
            case "first" -> {
                long t0 = System.nanoTime(), c0 = cpu();
                try (Repository repo = open(git)) {
                    ObjectId tip = repo.resolve(ref);
                    // What any first request pays, whatever it shows: the pack index read by the first object read.
                    try (RevWalk rw = new RevWalk(repo)) {
                        rw.parseCommit(tip);
                    }
                    long t1 = System.nanoTime(), c1 = cpu();
                    int n = new LastCommits(CACHE_BYTES).of(repo, tip, dir).size();
                    long t2 = System.nanoTime(), c2 = cpu();
                    CPU.add(c2 - c0);
                    report("first", List.of(t2 - t0), n);
                    CPU.clear();
                    CPU.add(c2 - c1);
                    report("first-of", List.of(t2 - t1), n);
                }
            }
            case "fresh" -> {
                List<Long> times = new ArrayList<>();
                int n = 0;
                for (int r = 0; r < runs; r++) {
                    long t0 = System.nanoTime(), c0 = cpu();
                    try (Repository repo = open(git)) {
                        n = new LastCommits(CACHE_BYTES).of(repo, repo.resolve(ref), dir).size();
                    }
                    times.add(System.nanoTime() - t0);
                    CPU.add(cpu() - c0);
                }
                report("fresh", times, n);
            }
            case "warm" -> {
                try (Repository repo = open(git)) {
                    ObjectId tip = repo.resolve(ref);
                    LastCommits lc = new LastCommits(CACHE_BYTES);
                    lc.of(repo, tip, dir);
                    List<Long> times = new ArrayList<>();
                    int n = 0;
                    for (int r = 0; r < runs; r++) {
                        long t0 = System.nanoTime(), c0 = cpu();
                        n = lc.of(repo, tip, dir).size();
                        times.add(System.nanoTime() - t0);
                        CPU.add(cpu() - c0);
                    }
                    report("warm", times, n);
                }
            }
            case "push" -> {
                try (Repository repo = open(git)) {
                    ObjectId tip = repo.resolve(ref);
                    ObjectId before = repo.resolve(ref + "~10");
                    List<Long> times = new ArrayList<>();
                    int n = 0;
                    for (int r = 0; r < runs; r++) {
                        LastCommits lc = new LastCommits(CACHE_BYTES);
                        lc.of(repo, before, dir);
                        long t0 = System.nanoTime(), c0 = cpu();
                        n = lc.of(repo, tip, dir).size();
                        times.add(System.nanoTime() - t0);
                        CPU.add(cpu() - c0);
                    }
                    report("push", times, n);
                }
            }
            case "verify" -> {
                try (Repository repo = open(git)) {
                    ObjectId tip = repo.resolve(ref);
                    Map<String, LastCommits.LastCommit> fast = new LastCommits(CACHE_BYTES).of(repo, tip, dir);
                    Map<String, String> slow = new java.util.LinkedHashMap<>();
                    if (answers != null) { // the naive walk's answers, written by --what naive --answers FILE
                        for (String line : Files.readAllLines(Path.of(answers))) slow.put(line.substring(41), line.substring(0, 40));
                    } else {
                        slow = naive(repo, tip, dir, 1);
                    }
                    int bad = 0;
                    for (var e : slow.entrySet()) {
                        LastCommits.LastCommit c = fast.get(e.getKey());
                        if (c == null || !c.sha().equals(e.getValue())) {
                            bad++;
                            System.out.println("DIFF " + e.getKey() + " naive=" + e.getValue() + " fast=" + (c == null ? null : c.sha()));
                        }
                    }
                    if (answers == null && fast.size() != slow.size()) bad++;
                    System.out.printf("RESULT verify entries=%d differences=%d%n", slow.size(), bad);
                    if (bad > 0) System.exit(1);
                }
            }
            default -> usage();
        }
    }

    /** `git log -1 --format=%H REF -- dir/entry` for each entry: one JGit walk per entry, as a first implementation would. */
    static Map<String, String> naive(Repository repo, ObjectId tip, String dir, int sample) throws Exception {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        try (ObjectReader reader = repo.newObjectReader()) {
            List<String> names = new ArrayList<>();
            try (RevWalk rw = new RevWalk(reader); TreeWalk tw = TreeWalk.forPath(reader, dir, rw.parseCommit(tip).getTree())) {
                try (TreeWalk children = new TreeWalk(reader)) {
                    children.addTree(tw.getObjectId(0));
                    for (int i = 0; children.next(); i++) if (i % sample == 0) names.add(children.getNameString());
                }
            }
            for (String name : names) {
                try (RevWalk walk = new RevWalk(reader)) {
                    walk.setTreeFilter(AndTreeFilter.create(PathFilter.create(dir + "/" + name), TreeFilter.ANY_DIFF));
                    walk.markStart(walk.parseCommit(tip));
                    RevCommit c = walk.next();
                    out.put(name, c == null ? null : c.name());
                }
            }
        }
        return out;
    }

    static Repository open(File gitDir) throws Exception {
        return new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).build();
    }

    static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    static final List<Long> CPU = new ArrayList<>();

    /** CPU time of this thread so far, ns: the machine is shared, so wall time alone says little. */
    static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    static void report(String what, List<Long> nanos, int entries) {
        long[] ms = nanos.stream().mapToLong(n -> n / 1_000_000).sorted().toArray();
        long median = ms[(ms.length - 1) / 2];
        long p90 = ms[(int) Math.ceil(0.9 * ms.length) - 1];
        long[] cpuMs = CPU.stream().mapToLong(n -> n / 1_000_000).sorted().toArray();
        String cpu = cpuMs.length == 0 ? "" : " cpu_median_ms=" + cpuMs[(cpuMs.length - 1) / 2];
        System.out.printf("RESULT %s runs=%d median_ms=%d p90_ms=%d min_ms=%d max_ms=%d%s entries=%d all_ms=%s%n",
                what, ms.length, median, p90, ms[0], ms[ms.length - 1], cpu, entries, Arrays.toString(ms));
    }

    static void usage() {
        System.err.println("usage: java -cp CP LastCommitBench.java --git-dir DIR --what write-graph|drop-graph|naive|first|fresh|warm|push|verify [--dir big] [--runs N] [--ref main]");
        System.exit(2);
    }
}
