package dev.hearth.client;

/**
 * Commits through the API, checked on the server like pushes: one file put or deleted, or many
 * files uploaded in one commit.
 */
public final class Contents {
    private final Transport t;

    Contents(Transport t) {
        this.t = t;
    }

    /** Creates or replaces a file in one commit. */
    public FileCommit put(String owner, String repo, String path, FileWrite write) {
        return t.json(t.call("PUT", Urls.repo(owner, repo) + "/contents/" + Urls.path(path), write), FileCommit.class);
    }

    public FileCommit delete(String owner, String repo, String path, FileDelete delete) {
        return t.json(t.call("DELETE", Urls.repo(owner, repo) + "/contents/" + Urls.path(path), delete), FileCommit.class);
    }

    /** Writes every file of the upload in one commit (multipart, streamed). */
    public UploadResult upload(String owner, String repo, Upload upload) {
        Multipart body = new Multipart();
        if (upload.branch() != null) body.field("branch", upload.branch());
        if (upload.message() != null) body.field("message", upload.message());
        if (upload.folder() != null) body.field("path", upload.folder());
        for (Upload.Part part : upload.files()) body.file("files", part);
        // POST: not retried on 429/503, since a commit is not idempotent.
        return t.json(new Transport.Call("POST", Urls.repo(owner, repo) + "/uploads", body.publisher(),
                body.contentType(), "application/json"), UploadResult.class);
    }
}
