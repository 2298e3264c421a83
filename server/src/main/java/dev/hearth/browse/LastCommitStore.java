package dev.hearth.browse;

import dev.hearth.browse.LastCommits.LastCommit;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.zip.CRC32C;
import org.apache.commons.codec.digest.DigestUtils;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.util.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last-commit answers of directories, kept on disk beside the repository they describe, so that
 * a restarted server, or another node on the same storage, does not compute a big folder's page
 * again from nothing: {@link LastCommits} reads them when its memory has no answer, and a walk
 * from a newer commit stops where it meets one.
 *
 * <p>Layout: {@code <git dir>/hearth/last-commits/<folder>/<commit sha>}, where the folder is
 * named by a hash of the directory's path (names never become paths) and the file holds the
 * answer for that directory at that commit. An answer for a commit never changes, so files are
 * written once (to a temporary name, then renamed) and never updated. Only the newest
 * {@value #KEEP_PER_DIRECTORY} answers of a directory and the {@value #KEEP_DIRECTORIES} most
 * recently written directories are kept. A file that does not read back exactly as written
 * (checksum, directory, commit) is ignored and removed: it is only a cache.
 *
 * <p>Format (big-endian): magic {@code HLC1}; the directory; the commit (20 bytes); the commits
 * that answer (sha, summary, author name, author email, author time); the entries (name, index
 * of its commit); a CRC-32C of everything before it. Strings are an int length and UTF-8 bytes.
 */
public final class LastCommitStore {
    private static final Logger LOG = LoggerFactory.getLogger(LastCommitStore.class);

    static final int KEEP_PER_DIRECTORY = 4;
    static final int KEEP_DIRECTORIES = 256;
    private static final int MAGIC = 0x484C4331; // "HLC1"
    private static final String TMP_PREFIX = ".tmp-";

    private final int keepPerDirectory;
    private final int keepDirectories;

    /** Keeps the newest {@value #KEEP_PER_DIRECTORY} answers of each of the {@value #KEEP_DIRECTORIES} newest directories. */
    public LastCommitStore() {
        this(KEEP_PER_DIRECTORY, KEEP_DIRECTORIES);
    }

    LastCommitStore(int keepPerDirectory, int keepDirectories) {
        this.keepPerDirectory = keepPerDirectory;
        this.keepDirectories = keepDirectories;
    }

    /** An answer read back: the directory's entries at {@code commit}. */
    record Stored(ObjectId commit, String directory, Map<String, LastCommit> byName) {}

    /** The answers kept for {@code directory}, newest first, except those {@code skip} says are known already. */
    List<Stored> read(Path gitDir, String directory, Predicate<ObjectId> skip) {
        Path folder = folder(gitDir, directory);
        List<Stored> read = new ArrayList<>();
        for (Path file : newestFirst(folder, ObjectId::isId)) {
            ObjectId commit = ObjectId.fromString(file.getFileName().toString());
            if (skip.test(commit)) continue;
            Stored stored = parse(file);
            if (stored != null && stored.commit().equals(commit) && stored.directory().equals(directory)) {
                read.add(stored);
            } else if (stored != null) {
                LOG.warn("Removing the last-commit file {}: it holds another directory or commit", file);
                deleteQuietly(file);
            }
        }
        return read;
    }

    /** Keeps an answer; failures are logged, never thrown (the answer is still served from memory). */
    void write(Path gitDir, ObjectId commit, String directory, Map<String, LastCommit> byName) {
        Path folder = folder(gitDir, directory);
        Path tmp = null;
        try {
            Files.createDirectories(folder);
            tmp = Files.createTempFile(folder, TMP_PREFIX, "");
            Files.write(tmp, encode(commit, directory, byName));
            // Times set here, to the microsecond: the file system's own are coarser (milliseconds), and they order pruning.
            FileTime now = FileTime.from(Instant.now());
            Files.setLastModifiedTime(tmp, now);
            Files.move(tmp, folder.resolve(commit.name()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            prune(folder, keepPerDirectory, ObjectId::isId);
            Files.setLastModifiedTime(folder, now); // after the pruning inside it, which sets the coarse time
            prune(folder.getParent(), keepDirectories, LastCommitStore::isFolderName);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Last-commit answer for {} not kept on disk: {}", folder, e.toString());
        } finally {
            if (tmp != null) deleteQuietly(tmp);
        }
    }

    /** The directories with answers kept, most recently written first, at most {@code max}. */
    List<String> directories(Path gitDir, int max) {
        List<String> directories = new ArrayList<>();
        for (Path folder : newestFirst(gitDir.resolve("hearth/last-commits"), LastCommitStore::isFolderName)) {
            if (directories.size() >= max) break;
            for (Path file : newestFirst(folder, ObjectId::isId)) {
                Stored stored = parse(file);
                if (stored != null) {
                    directories.add(stored.directory());
                    break;
                }
            }
        }
        return directories;
    }

    static Path folder(Path gitDir, String directory) {
        return gitDir.resolve("hearth/last-commits").resolve(DigestUtils.sha256Hex(directory).substring(0, 32));
    }

    static byte[] encode(ObjectId commit, String directory, Map<String, LastCommit> byName) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + byName.size() * 48);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(MAGIC);
        writeString(out, directory);
        writeId(out, commit);
        Map<String, Integer> index = new HashMap<>();
        List<LastCommit> commits = new ArrayList<>();
        for (LastCommit c : byName.values()) {
            if (index.putIfAbsent(c.sha(), commits.size()) == null) commits.add(c);
        }
        out.writeInt(commits.size());
        for (LastCommit c : commits) {
            writeId(out, ObjectId.fromString(c.sha()));
            writeString(out, c.summary());
            writeString(out, c.authorName());
            writeString(out, c.authorEmail());
            out.writeLong(c.authorDate().getEpochSecond());
            out.writeInt(c.authorDate().getNano());
        }
        out.writeInt(byName.size());
        for (Map.Entry<String, LastCommit> e : byName.entrySet()) {
            writeString(out, e.getKey());
            out.writeInt(index.get(e.getValue().sha()));
        }
        out.flush();
        CRC32C crc = new CRC32C();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        return bytes.toByteArray();
    }

    /** The file's answer, or null (and the file removed) when it is not one whole, well-formed answer. */
    private static Stored parse(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null; // pruned meanwhile
        } catch (IOException e) {
            LOG.warn("Cannot read the last-commit file {}: {}", file, e.toString());
            return null;
        }
        Stored stored = decode(bytes);
        if (stored == null) {
            LOG.warn("Removing the damaged last-commit file {}", file);
            deleteQuietly(file);
        }
        return stored;
    }

    static Stored decode(byte[] bytes) {
        if (bytes.length < 8 + 4) return null;
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 8);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.getLong(bytes.length - 8) != crc.getValue()) return null;
        in.limit(bytes.length - 8);
        try {
            if (in.getInt() != MAGIC) return null;
            String directory = readString(in);
            ObjectId commit = readId(in);
            int commitCount = count(in, 20 + 4 * 3 + 12);
            List<LastCommit> commits = new ArrayList<>(commitCount);
            for (int i = 0; i < commitCount; i++) {
                String sha = readId(in).name();
                String summary = readString(in);
                String name = readString(in);
                String email = readString(in);
                Instant date = Instant.ofEpochSecond(in.getLong(), in.getInt());
                commits.add(new LastCommit(sha, summary, name, email, date));
            }
            int entryCount = count(in, 4 + 4);
            Map<String, LastCommit> byName = new LinkedHashMap<>();
            for (int i = 0; i < entryCount; i++) {
                String name = readString(in);
                int c = in.getInt();
                if (c < 0 || c >= commits.size()) return null;
                byName.put(name, commits.get(c));
            }
            if (in.hasRemaining()) return null;
            return new Stored(commit, directory, byName);
        } catch (BufferUnderflowException | IllegalArgumentException | java.time.DateTimeException e) {
            return null;
        }
    }

    /** A count, refused when the bytes left could not hold that many records of at least {@code minSize}. */
    private static int count(ByteBuffer in, int minSize) {
        int n = in.getInt();
        if (n < 0 || (long) n * minSize > in.remaining()) throw new IllegalArgumentException("bad count " + n);
        return n;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(ByteBuffer in) {
        int n = count(in, 1);
        byte[] b = new byte[n];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void writeId(DataOutputStream out, ObjectId id) throws IOException {
        byte[] raw = new byte[20];
        id.copyRawTo(raw, 0);
        out.write(raw);
    }

    private static ObjectId readId(ByteBuffer in) {
        byte[] raw = new byte[20];
        in.get(raw);
        return ObjectId.fromRaw(raw);
    }

    private static boolean isFolderName(String name) {
        return name.length() == 32 && name.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    /** Entries of {@code dir} with a name that {@code named} accepts, most recently modified first. */
    private static List<Path> newestFirst(Path dir, Predicate<String> named) {
        record Dated(Path path, FileTime modified) {}
        List<Dated> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, p -> !p.getFileName().toString().startsWith(TMP_PREFIX))) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (!named.test(name)) continue;
                try {
                    found.add(new Dated(p, Files.getLastModifiedTime(p)));
                } catch (NoSuchFileException e) {
                    // pruned meanwhile
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            LOG.warn("Cannot list {}: {}", dir, e.toString());
            return List.of();
        }
        found.sort(Comparator.comparing(Dated::modified).reversed().thenComparing(d -> d.path().getFileName().toString()));
        return found.stream().map(Dated::path).toList();
    }

    /** Removes all but the {@code keep} newest entries of {@code dir}, and temporary files a crash left (a day old). */
    private static void prune(Path dir, int keep, Predicate<String> named) throws IOException {
        List<Path> entries = newestFirst(dir, named);
        for (Path old : entries.subList(Math.min(keep, entries.size()), entries.size())) {
            FileUtils.delete(old.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING | FileUtils.IGNORE_ERRORS);
        }
        long dayAgo = System.currentTimeMillis() - TimeUnit.DAYS.toMillis(1);
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, TMP_PREFIX + "*")) {
            for (Path f : stale) {
                if (Files.getLastModifiedTime(f).toMillis() < dayAgo) deleteQuietly(f);
            }
        } catch (NoSuchFileException e) {
            // removed meanwhile
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.debug("Could not remove {}: {}", p, e.toString());
        }
    }
}
