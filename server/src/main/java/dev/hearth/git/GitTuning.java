package dev.hearth.git;

import org.eclipse.jgit.storage.file.WindowCacheConfig;

/**
 * JGit's pack cache, sized for a server rather than a desktop (JGit's default is 10 MiB in
 * 8 KiB windows). The cache is process-wide by JGit's design; this is the one place that sets it.
 */
public final class GitTuning {
    private GitTuning() {}

    /** Pack windows get {@code packedGitLimit}; the delta-base cache an eighth of the heap, at most 64 MiB. */
    public static void install(long packedGitLimit) {
        WindowCacheConfig config = new WindowCacheConfig();
        config.setPackedGitLimit(packedGitLimit);
        config.setPackedGitWindowSize(64 * 1024);
        config.setPackedGitOpenFiles(512);
        config.setDeltaBaseCacheLimit((int) Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 8));
        config.setStreamFileThreshold(16 * 1024 * 1024);
        config.install();
    }
}
