package dev.hearth.repos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FileUtils;

/**
 * Bare repositories on disk at {@code <root>/ab/cd/<id>.git}, where {@code abcd} starts the
 * SHA-256 of the id: the database id is the only thing that becomes a path.
 */
public final class RepoStore {
    private final Path root;

    public RepoStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the repository directory " + this.root, e);
        }
    }

    /** The folder every repository lives under. */
    public Path root() {
        return root;
    }

    public Path pathOf(long id) {
        String hash = sha256(Long.toString(id));
        return root.resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(id + ".git");
    }

    /** Creates an empty bare repository whose HEAD names {@code defaultBranch}. */
    public void create(long id, String defaultBranch) throws IOException {
        Path dir = pathOf(id);
        if (Files.exists(dir)) deleteTree(dir); // left by a crash between mkdir and commit; ids never repeat
        Files.createDirectories(dir.getParent());
        try (org.eclipse.jgit.lib.Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build()) {
            repo.create(true);
            StoredConfig config = repo.getConfig();
            config.setBoolean("core", null, "logallrefupdates", false);
            config.save();
            repo.getRefDatabase().newUpdate(Constants.HEAD, false).link(Constants.R_HEADS + defaultBranch);
        }
    }

    /**
     * Opens a repository for one request or session; the caller closes it. Instances come from
     * JGit's {@link RepositoryCache}, so pack indexes and bitmaps are read once, not per request.
     */
    public org.eclipse.jgit.lib.Repository open(long id) throws IOException {
        org.eclipse.jgit.lib.Repository repo = RepositoryCache.open(key(id), true);
        ensureTransferSettings(repo);
        return repo;
    }

    /**
     * Server-wide transfer settings, written into each repository's config the first time it is
     * opened (so repositories created before a setting existed get it too).
     */
    private static void ensureTransferSettings(org.eclipse.jgit.lib.Repository repo) throws IOException {
        StoredConfig config = repo.getConfig();
        if (config.getBoolean("uploadpack", null, "allowfilter", false)) return;
        synchronized (repo) {
            config.setBoolean("uploadpack", null, "allowfilter", true);
            config.setBoolean("uploadpack", null, "allowreachablesha1inwant", true);
            config.setBoolean("uploadpack", null, "allowtipsha1inwant", true);
            config.save();
        }
    }

    private RepositoryCache.FileKey key(long id) {
        return RepositoryCache.FileKey.exact(pathOf(id).toFile(), FS.DETECTED);
    }

    /** Drops this store's repositories from JGit's process-wide cache (at shutdown). */
    public void release() {
        for (RepositoryCache.Key k : RepositoryCache.getRegisteredKeys()) {
            if (k instanceof RepositoryCache.FileKey f && f.getFile().toPath().startsWith(root)) RepositoryCache.unregister(k);
        }
    }

    public void setDefaultBranch(long id, String branch) throws IOException {
        try (org.eclipse.jgit.lib.Repository repo = open(id)) {
            repo.getRefDatabase().newUpdate(Constants.HEAD, false).link(Constants.R_HEADS + branch);
        }
    }

    /**
     * Removes a repository: moved aside first, so a half-deleted one is never served. Its cached
     * instance is closed at once, which closes its pack files and drops their windows from JGit's
     * {@code WindowCache}: the space is free when this returns, not when the cache would have
     * expired the repository (an hour unused) or the process ended.
     */
    public void delete(long id) throws IOException {
        Path dir = pathOf(id);
        RepositoryCache.FileKey key = key(id);
        if (RepositoryCache.getRegisteredKeys().contains(key) && Files.isDirectory(dir)) {
            try {
                RepositoryCache.close(RepositoryCache.open(key, true)); // unregisters and closes, whatever its use count
            } catch (IOException e) {
                RepositoryCache.unregister(key); // not a repository any more: nothing of it to close
            }
        } else {
            RepositoryCache.unregister(key);
        }
        if (!Files.exists(dir)) return;
        Path trash = root.resolve(".trash");
        Files.createDirectories(trash);
        Path aside = trash.resolve(id + "-" + UUID.randomUUID() + ".git");
        Files.move(dir, aside, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(aside);
    }

    /** Bytes free for this process on the storage root's file system: what {@code /readyz} compares with its floor. */
    public long usableSpace() throws IOException {
        return Files.getFileStore(root).getUsableSpace();
    }

    /** True when the storage root can be written: what {@code /readyz} asks. */
    public boolean isWritable() {
        try {
            Path probe = Files.createTempFile(root, ".ready", ".tmp");
            Files.delete(probe);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY | FileUtils.SKIP_MISSING);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
