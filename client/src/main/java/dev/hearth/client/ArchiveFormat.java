package dev.hearth.client;

/** The archive formats of {@link Browse#archive}: GitHub's {@code tarball} (tar.gz) and {@code zipball}. */
public enum ArchiveFormat {
    TARBALL("tarball"), ZIPBALL("zipball");

    final String path;

    ArchiveFormat(String path) {
        this.path = path;
    }
}
