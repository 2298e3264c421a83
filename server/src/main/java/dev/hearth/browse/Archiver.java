package dev.hearth.browse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
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
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A commit's tree as a gzip'd tar or a zip, written straight to a stream while the tree is
 * walked: one blob at a time, never the whole archive in memory. Entries sit under a prefix
 * directory as on GitHub; every entry carries the commit time, as {@code git archive} does.
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

    private Archiver() {}

    /** Writes the archive and finishes it; {@code out} is flushed, not closed. */
    static void write(OpenRepo repo, RevCommit commit, String prefix, Format format, OutputStream out) throws IOException {
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
                walk(repo, commit, (path, mode, loader) -> {
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
                walk(repo, commit, (path, mode, loader) -> {
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
    private static void walk(OpenRepo repo, RevCommit commit, EntryWriter writer) throws IOException {
        try (TreeWalk walk = new TreeWalk(repo.reader())) {
            walk.addTree(commit.getTree());
            walk.setRecursive(false);
            while (walk.next()) {
                FileMode mode = walk.getFileMode(0);
                if (walk.isSubtree() || (mode.getBits() & FileMode.TYPE_MASK) == FileMode.TYPE_GITLINK) {
                    writer.write(walk.getPathString(), mode, null);
                    if (walk.isSubtree()) walk.enterSubtree();
                } else {
                    writer.write(walk.getPathString(), mode,
                            repo.reader().open(walk.getObjectId(0), Constants.OBJ_BLOB));
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
