package dev.hearth.browse;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.apache.commons.compress.archivers.ArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A commit's tree as a gzip'd tar or a zip, written straight to a stream while the tree is
 * walked: one blob at a time, never the whole archive in memory. Entries sit under a prefix
 * directory as on GitHub; every entry carries the commit time, as {@code git archive} does.
 * Bounded like every read: {@link #shape} measures a tree against the archive budget (depth,
 * entries, bytes) before anything is sent, and a {@link Budget} stops the walk on time and bytes.
 */
final class Archiver {
    enum Format {
        TAR_GZ(".tar.gz", "application/x-gzip"), ZIP(".zip", "application/zip");

        final String extension;
        final String contentType;

        Format(String extension, String contentType) {
            this.extension = extension;
            this.contentType = contentType;
        }
    }

    /** Entries an archive may hold: several times the largest source trees (Chromium's has about 500,000 files). */
    static final long MAX_ENTRIES = 1_000_000;

    /**
     * Bytes of content and paths (before compression) an archive may hold: a tree can name one
     * large blob a million times, or a million files under a path thousands of levels deep, and
     * each copy costs the CPU of compressing it.
     */
    static final long MAX_BYTES = 4L << 30;

    /** How long writing one archive may take before it stops; 4 GiB at a slow client's pace fits. */
    static final Duration MAX_TIME = Duration.ofMinutes(10);

    /** The size of a commit's tree as an archive would hold it, and whether git could read it at all. */
    record Shape(long entries, long bytes, boolean tooDeep) implements BrowseCache.Weighed {
        @Override
        public int weight() {
            return 64;
        }

        /** Why the archive is refused, or null when it is within the budget. */
        String refusal() {
            if (tooDeep) return "the tree is nested deeper than " + Trees.MAX_DEPTH + " levels (git's core.maxTreeDepth)";
            if (entries > MAX_ENTRIES) return "the tree holds more than " + MAX_ENTRIES + " entries";
            if (bytes > MAX_BYTES) return "the tree holds more than " + (MAX_BYTES >> 30) + " GiB of content and paths";
            return null;
        }
    }

    /** A shape is cached under its tree's sha: a tree never changes. */
    private record ShapeKey(long repoId, ObjectId tree) {}

    /**
     * Measures a tree before an archive of it starts streaming, so that an archive over the budget
     * is a clear 422 rather than a stream cut short. Stops as soon as a budget is exceeded; only
     * trees and object headers are read, never a blob's content.
     */
    static Shape shape(OpenRepo repo, BrowseCache cache, ObjectId tree) throws IOException {
        return cache.get(new ShapeKey(repo.id(), tree.copy()), Shape.class, () -> {
            long entries = 0;
            long bytes = 0;
            try (TreeWalk walk = new TreeWalk(repo.reader())) {
                walk.addTree(tree);
                walk.setRecursive(false);
                while (walk.next()) {
                    bytes += walk.getPathLength(); // every entry's header repeats its whole path
                    if (++entries > MAX_ENTRIES || bytes > MAX_BYTES) return new Shape(entries, bytes, false);
                    if (walk.isSubtree()) {
                        if (walk.getDepth() + 1 >= Trees.MAX_DEPTH) return new Shape(entries, bytes, true);
                        walk.enterSubtree();
                    } else if (walk.getFileMode(0).getObjectType() == Constants.OBJ_BLOB) {
                        bytes += repo.reader().getObjectSize(walk.getObjectId(0), Constants.OBJ_BLOB);
                    }
                }
            }
            return new Shape(entries, bytes, false);
        });
    }

    /** Thrown when an archive runs past its budget while it streams; the transfer is then cut off. */
    static final class OverBudget extends IOException {
        OverBudget(String message) {
            super(message);
        }
    }

    /**
     * What one archive may still spend while it streams: bytes of content and time. Polled at
     * every entry (and stops on an interrupt), so the work ends soon after the budget or the
     * request does. {@link #shape} refuses most trees over it before a byte is sent; this is the
     * bound for what a walk meets anyway.
     */
    static final class Budget {
        private final long deadline;
        private long bytesLeft;

        Budget(Duration time, long bytes) {
            this.deadline = System.nanoTime() + time.toNanos();
            this.bytesLeft = bytes;
        }

        void spend(long bytes) throws IOException {
            if (Thread.currentThread().isInterrupted()) throw new InterruptedIOException("archive cancelled");
            bytesLeft -= bytes;
            if (bytesLeft < 0) throw new OverBudget("archive exceeded " + (MAX_BYTES >> 30) + " GiB of content and paths");
            if (System.nanoTime() - deadline > 0) throw new OverBudget("archive exceeded its time budget");
        }
    }

    private Archiver() {}

    /** Writes the archive and finishes it; {@code out} is flushed, not closed. */
    static void write(OpenRepo repo, RevCommit commit, String prefix, Format format, OutputStream out) throws IOException {
        write(repo, commit, prefix, format, out, new Budget(MAX_TIME, MAX_BYTES));
    }

    /** As {@link #write(OpenRepo, RevCommit, String, Format, OutputStream)}, stopping with {@link OverBudget} past {@code budget}. */
    static void write(OpenRepo repo, RevCommit commit, String prefix, Format format, OutputStream out, Budget budget)
            throws IOException {
        Instant time = commit.getCommitterIdent().getWhenAsInstant();
        OutputStream shielded = new NonClosing(out);
        if (format == Format.ZIP) {
            try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(shielded)) {
                zip.setEncoding(StandardCharsets.UTF_8.name());
                zip.setUseLanguageEncodingFlag(true);
                zip.setUseZip64(Zip64Mode.AsNeeded);
                zip.setComment(commit.name());
                zip.putArchiveEntry(root(prefix, time));
                zip.closeArchiveEntry();
                walk(repo, commit, budget, (path, mode, loader) -> {
                    ZipArchiveEntry entry = new ZipArchiveEntry(prefix + path + (loader == null ? "/" : ""));
                    entry.setLastModifiedTime(FileTime.from(time));
                    entry.setUnixMode(loader == null ? 040755 : unixMode(mode));
                    if (loader != null) entry.setSize(loader.getSize());
                    put(zip, entry, loader);
                });
            }
        } else {
            try (GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(shielded);
                 TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip, StandardCharsets.UTF_8.name())) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                tar.setAddPaxHeadersForNonAsciiNames(true);
                TarArchiveEntry top = new TarArchiveEntry(prefix);
                top.setModTime(FileTime.from(time));
                top.setMode(040755);
                tar.putArchiveEntry(top);
                tar.closeArchiveEntry();
                walk(repo, commit, budget, (path, mode, loader) -> {
                    TarArchiveEntry entry;
                    if (loader == null) {
                        entry = new TarArchiveEntry(prefix + path + "/");
                        entry.setMode(040755);
                    } else if (isSymlink(mode)) {
                        entry = new TarArchiveEntry(prefix + path, TarConstants.LF_SYMLINK);
                        entry.setLinkName(new String(loader.getCachedBytes(), StandardCharsets.UTF_8));
                        loader = null;
                    } else {
                        entry = new TarArchiveEntry(prefix + path);
                        entry.setMode(unixMode(mode));
                        entry.setSize(loader.getSize());
                    }
                    entry.setModTime(FileTime.from(time));
                    put(tar, entry, loader);
                });
            }
        }
        out.flush();
    }

    private static ZipArchiveEntry root(String prefix, Instant time) {
        ZipArchiveEntry entry = new ZipArchiveEntry(prefix);
        entry.setLastModifiedTime(FileTime.from(time));
        entry.setUnixMode(040755);
        return entry;
    }

    private static <E extends org.apache.commons.compress.archivers.ArchiveEntry> void put(
            ArchiveOutputStream<E> archive, E entry, ObjectLoader loader) throws IOException {
        archive.putArchiveEntry(entry);
        if (loader != null) loader.copyTo(archive);
        archive.closeArchiveEntry();
    }

    private static int unixMode(FileMode mode) {
        if (isSymlink(mode)) return 0120777;
        return (mode.getBits() & 0111) != 0 ? 0100755 : 0100644;
    }

    private static boolean isSymlink(FileMode mode) {
        return (mode.getBits() & FileMode.TYPE_MASK) == FileMode.TYPE_SYMLINK;
    }

    @FunctionalInterface
    private interface EntryWriter {
        /** A directory (or submodule) when {@code loader} is null, else a blob to copy. */
        void write(String path, FileMode mode, ObjectLoader loader) throws IOException;
    }

    /** Directories before their contents, as {@code git archive} orders them; submodules as empty directories. */
    private static void walk(OpenRepo repo, RevCommit commit, Budget budget, EntryWriter writer) throws IOException {
        try (TreeWalk walk = new TreeWalk(repo.reader())) {
            walk.addTree(commit.getTree());
            walk.setRecursive(false);
            while (walk.next()) {
                FileMode mode = walk.getFileMode(0);
                if (walk.isSubtree() || (mode.getBits() & FileMode.TYPE_MASK) == FileMode.TYPE_GITLINK) {
                    budget.spend(walk.getPathLength());
                    writer.write(walk.getPathString(), mode, null);
                    if (walk.isSubtree()) {
                        if (walk.getDepth() + 1 >= Trees.MAX_DEPTH) throw new OverBudget("tree nested too deep");
                        walk.enterSubtree();
                    }
                } else {
                    ObjectLoader loader = repo.reader().open(walk.getObjectId(0), Constants.OBJ_BLOB);
                    budget.spend(walk.getPathLength() + loader.getSize());
                    writer.write(walk.getPathString(), mode, loader);
                }
            }
        }
    }

    /** Lets the archive streams close (freeing their deflaters) without closing the response. */
    private static final class NonClosing extends OutputStream {
        private final OutputStream out;

        NonClosing(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
