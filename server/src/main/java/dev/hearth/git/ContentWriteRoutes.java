package dev.hearth.git;

import dev.hearth.accounts.Principal;
import dev.hearth.error.ErrorCategory;
import dev.hearth.error.HearthException;
import dev.hearth.repos.RepoService;
import dev.hearth.web.Authentication;
import dev.hearth.web.HttpServer;
import dev.hearth.web.JsonBody;
import dev.hearth.web.Multipart;
import dev.hearth.web.PublicUrl;
import dev.hearth.web.Routes;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.javalin.router.JavalinDefaultRoutingApi;
import jakarta.validation.constraints.NotNull;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Commits through the API, as GitHub has them: {@code PUT} and {@code DELETE}
 * {@code /contents/{path}}, and Hearth's multipart {@code POST /uploads} for many files in one
 * commit. Each needs write access (and a token's {@code repo} scope, which the level already carries).
 */
public final class ContentWriteRoutes implements Routes {
    private final RepoService repos;
    private final CommitWriter writer;
    private final Authentication<Principal> auth;
    private final JsonBody body;
    private final PublicUrl publicUrl;

    public ContentWriteRoutes(RepoService repos, CommitWriter writer, Authentication<Principal> auth, JsonBody body,
                              PublicUrl publicUrl) {
        this.repos = repos;
        this.writer = writer;
        this.auth = auth;
        this.body = body;
        this.publicUrl = publicUrl;
    }

    record PutFile(@NotNull String message, @NotNull String content, String sha, String branch) {}

    record DeleteFile(@NotNull String message, @NotNull String sha, String branch) {}

    @Override
    public void register(JavalinDefaultRoutingApi r) {
        r.put("/api/v3/repos/{owner}/{repo}/contents/<path>", this::put);
        r.delete("/api/v3/repos/{owner}/{repo}/contents/<path>", this::delete);
        r.post("/api/v3/repos/{owner}/{repo}/uploads", this::upload);
    }

    private RepoService.Access access(Context ctx) {
        return repos.find(auth.caller(ctx), ctx.pathParam("owner"), ctx.pathParam("repo"));
    }

    private void put(Context ctx) {
        Principal who = auth.require(ctx);
        RepoService.Access access = access(ctx);
        RepoPath path = new RepoPath(ctx.pathParam("path"));
        PutFile req = body.read(ctx, PutFile.class);
        byte[] content = decodeBase64(req.content());
        boolean[] created = {false};
        ObjectId[] blob = {null};
        CommitWriter.Written written = writer.commit(access, who, HttpServer.actor(ctx, who), req.branch(), req.message(), edit -> {
            Optional<CommitWriter.Existing> existing = edit.file(path);
            if (existing.isPresent()) {
                if (req.sha() == null) throw HearthException.invalid("sha", "is required to update an existing file");
                if (!existing.get().blob().name().equals(req.sha())) {
                    throw HearthException.conflict(path.value() + " does not match " + req.sha() + "; it changed since you read it");
                }
            } else if (req.sha() != null) {
                throw HearthException.conflict(path.value() + " does not exist any more");
            }
            created[0] = existing.isEmpty();
            blob[0] = edit.insert(path, content.length, new java.io.ByteArrayInputStream(content));
            return List.of(new CommitWriter.Change.Write(path, blob[0]));
        });
        ctx.status(created[0] ? 201 : 200).json(Map.of(
                "content", links(ctx, access).file(path, blob[0], content.length, written.branch()),
                "commit", links(ctx, access).commit(written.commit())));
    }

    private void delete(Context ctx) {
        Principal who = auth.require(ctx);
        RepoService.Access access = access(ctx);
        RepoPath path = new RepoPath(ctx.pathParam("path"));
        DeleteFile req = body.read(ctx, DeleteFile.class);
        CommitWriter.Written written = writer.commit(access, who, HttpServer.actor(ctx, who), req.branch(), req.message(), edit -> {
            CommitWriter.Existing existing = edit.file(path)
                    .orElseThrow(() -> HearthException.notFound("No file at " + path.value()));
            if (!existing.blob().name().equals(req.sha())) {
                throw HearthException.conflict(path.value() + " does not match " + req.sha() + "; it changed since you read it");
            }
            return List.of(new CommitWriter.Change.Remove(path));
        });
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("content", null);
        answer.put("commit", links(ctx, access).commit(written.commit()));
        ctx.json(answer);
    }

    /**
     * Many files in one commit. The parts were streamed to disk by Jetty under the size limits
     * (413 past them); each is read once into the object database.
     */
    private void upload(Context ctx) {
        Principal who = auth.require(ctx);
        RepoService.Access access = access(ctx);
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            throw new HearthException(ErrorCategory.UNSUPPORTED_MEDIA_TYPE, "Send the files as multipart/form-data");
        }
        List<UploadedFile> files = Multipart.files(ctx, "files");
        if (files.isEmpty()) throw HearthException.invalid("files", "add at least one file part named 'files'");
        String folder = Optional.ofNullable(ctx.formParam("path")).orElse("");
        List<RepoPath> paths = new ArrayList<>();
        for (UploadedFile f : files) {
            if (f.filename() == null || f.filename().isBlank()) throw HearthException.invalid("files", "every file needs a file name");
            RepoPath p = RepoPath.join(folder, f.filename());
            if (paths.contains(p)) throw HearthException.invalid("files", "two files would be written to " + p.value());
            paths.add(p);
        }
        List<Map<String, Object>> written = new ArrayList<>();
        CommitWriter.Written commit = writer.commit(access, who, HttpServer.actor(ctx, who), ctx.formParam("branch"), ctx.formParam("message"), edit -> {
            List<CommitWriter.Change> changes = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                RepoPath p = paths.get(i);
                edit.file(p);
                UploadedFile f = files.get(i);
                ObjectId blob;
                try (InputStream in = f.content()) {
                    blob = edit.insert(p, f.size(), in);
                }
                changes.add(new CommitWriter.Change.Write(p, blob));
                written.add(Map.of("path", p.value(), "sha", blob.name(), "size", f.size()));
            }
            return changes;
        });
        ctx.status(201).json(Map.of("commit", links(ctx, access).commit(commit.commit()), "files", written));
    }

    private ContentJson.Links links(Context ctx, RepoService.Access access) {
        return new ContentJson.Links(publicUrl.base(ctx), access.repo().fullName());
    }

    /** Base64 as clients send it: line breaks allowed, nothing else that is not base64. */
    private static byte[] decodeBase64(String content) {
        try {
            return Base64.getDecoder().decode(content.replaceAll("[\\r\\n ]", ""));
        } catch (IllegalArgumentException e) {
            throw HearthException.invalid("content", "is not base64");
        }
    }
}
