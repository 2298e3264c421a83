/*
 * LastCommitRepo: writes a `git fast-import` stream for bench/last-commit.sh (issue 6, "last commit of
 * every entry"). Deterministic: the same arguments give the same stream, so the same shas.
 *
 * Shape (defaults): 50,000 commits on refs/heads/main, one every 10 minutes from 2020-01-01, by 20
 * authors. The first commit adds every file:
 *   big/                 the folder the benchmark lists: 1,100 files f0000.txt ... and 100 folders
 *                        d000/ ... with 5 files each (entries changed deep inside) = 1,200 entries
 *   src/m00..m49/        50 folders of 40 files: the rest of the code base
 *   README.md, LICENSE   LICENSE and big/f0000..f0019 are never changed again (their last commit is
 *                        the root commit, so their walk spans the whole history)
 * Every later commit changes 1 to 3 files: 40 % of them in big/ (uniform over its leaves), 60 % in src/.
 * Every 100th step is a merge: a topic branch of 3 commits forks from main, main gets 2 more commits,
 * then a --no-ff merge brings the topic's files (same rule for files, so a merge may resolve a
 * conflict in favour of the topic). All these commits count towards the total.
 *
 * Run (JDK 25, no build):  java LastCommitRepo.java [--commits N] [--big-files N] [--big-dirs N] | git fast-import
 */
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

public class LastCommitRepo {
    static final long EPOCH = 1_577_836_800L; // 2020-01-01T00:00:00Z
    static final int STEP = 600;

    final OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
    final SplittableRandom random = new SplittableRandom(6);
    final List<String> bigLeaves = new ArrayList<>();
    final List<String> srcLeaves = new ArrayList<>();
    final Map<String, Integer> version = new LinkedHashMap<>();
    int mark;
    int commits;
    long time = EPOCH;

    public static void main(String[] args) throws IOException {
        int total = 50_000, bigFiles = 1_100, bigDirs = 100;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--commits" -> total = Integer.parseInt(args[++i]);
                case "--big-files" -> bigFiles = Integer.parseInt(args[++i]);
                case "--big-dirs" -> bigDirs = Integer.parseInt(args[++i]);
                default -> { System.err.println("usage: java LastCommitRepo.java [--commits N] [--big-files N] [--big-dirs N]"); System.exit(2); }
            }
        }
        new LastCommitRepo().run(total, bigFiles, bigDirs);
    }

    void run(int total, int bigFiles, int bigDirs) throws IOException {
        List<String> all = new ArrayList<>(List.of("README.md", "LICENSE"));
        for (int i = 0; i < bigFiles; i++) {
            String p = String.format("big/f%04d.txt", i);
            all.add(p);
            if (i >= 20) bigLeaves.add(p);
        }
        for (int d = 0; d < bigDirs; d++) {
            for (int f = 0; f < 5; f++) {
                String p = String.format("big/d%03d/g%d.txt", d, f);
                all.add(p);
                bigLeaves.add(p);
            }
        }
        for (int m = 0; m < 50; m++) {
            for (int f = 0; f < 40; f++) {
                String p = String.format("src/m%02d/S%02d.java", m, f);
                all.add(p);
                srcLeaves.add(p);
            }
        }
        all.add("src/README.md");
        srcLeaves.add("src/README.md");
        srcLeaves.add("README.md");

        Map<String, String> initial = new LinkedHashMap<>();
        for (String p : all) initial.put(p, content(p));
        int main = commit("refs/heads/main", 0, 0, initial, "Initial import");
        while (commits < total) {
            if (commits % 100 == 99 && total - commits >= 6) {
                int fork = main;
                int topic = fork;
                Map<String, String> topicFiles = new LinkedHashMap<>();
                for (int i = 0; i < 3; i++) {
                    Map<String, String> changes = pick();
                    topicFiles.putAll(changes);
                    topic = commit("refs/heads/topic", topic, 0, changes, "Topic work " + (commits + 1));
                }
                for (int i = 0; i < 2; i++) main = commit("refs/heads/main", main, 0, pick(), "Change " + (commits + 1));
                // The merge takes the topic's version of every file the topic changed (as `git merge` does
                // where only the topic changed it, and as a resolution in the topic's favour where both did).
                main = commit("refs/heads/main", main, topic, topicFiles, "Merge topic at " + (commits + 1));
            } else {
                main = commit("refs/heads/main", main, 0, pick(), "Change " + (commits + 1));
            }
        }
        write("reset refs/heads/topic\nfrom 0000000000000000000000000000000000000000\n\n");
        out.flush();
    }

    /** 1 to 3 files and their next content. */
    Map<String, String> pick() {
        int n = 1 + random.nextInt(3);
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            List<String> from = random.nextInt(100) < 40 ? bigLeaves : srcLeaves;
            String p = from.get(random.nextInt(from.size()));
            if (!files.containsKey(p)) files.put(p, content(p));
        }
        return files;
    }

    String content(String path) {
        int v = version.merge(path, 1, Integer::sum);
        return path + "\nversion " + v + "\n" + "x".repeat(path.length() % 7 * 8) + "\n";
    }

    /** One commit on {@code ref}: parent {@code from} (0: none, or the ref's own tip), merge parent {@code merge}. */
    int commit(String ref, int from, int merge, Map<String, String> files, String subject) throws IOException {
        int id = ++mark;
        commits++;
        time += STEP;
        int who = random.nextInt(20);
        String ident = "Author " + who + " <author" + who + "@example.com> " + time + " +0000";
        StringBuilder sb = new StringBuilder();
        sb.append("commit ").append(ref).append('\n');
        sb.append("mark :").append(id).append('\n');
        sb.append("author ").append(ident).append('\n');
        sb.append("committer ").append(ident).append('\n');
        String message = subject + ": " + String.join(", ", files.keySet().stream().limit(3).toList()) + "\n";
        data(sb, message);
        if (from != 0) sb.append("from :").append(from).append('\n');
        if (merge != 0) sb.append("merge :").append(merge).append('\n');
        for (Map.Entry<String, String> f : files.entrySet()) {
            sb.append("M 100644 inline ").append(f.getKey()).append('\n');
            data(sb, f.getValue());
        }
        sb.append('\n');
        write(sb.toString());
        return id;
    }

    static void data(StringBuilder sb, String text) {
        sb.append("data ").append(text.getBytes(StandardCharsets.UTF_8).length).append('\n').append(text).append('\n');
    }

    void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }
}
