package dev.hearth.client;

import java.util.List;

/** The commit an upload made and the files it wrote. */
public record UploadResult(FileCommit.GitCommit commit, List<File> files) {
    public record File(String path, String sha, long size) {}
}
