package dev.hearth.git;

import dev.hearth.accounts.Principal;
import dev.hearth.error.ErrorCategory;
import dev.hearth.error.HearthException;
import dev.hearth.repos.Permission;
import dev.hearth.repos.RepoService;
import dev.hearth.web.Authentication;
import dev.hearth.web.HttpServer;
import dev.hearth.web.Routes;
import dev.hearth.web.UnreadBody;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.text.MessageFormat;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.PackProtocolException;
import org.eclipse.jgit.errors.UnpackException;
import org.eclipse.jgit.internal.JGitText;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.RefAdvertiser.PacketLineOutRefAdvertiser;
import org.eclipse.jgit.transport.ServiceMayNotContinueException;
import org.eclipse.jgit.transport.UploadPack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Git's smart HTTP protocol ({@code /{owner}/{repo}.git/info/refs}, {@code git-upload-pack},
 * {@code git-receive-pack}) as thin handlers over JGit, so git traffic passes the same request
 * id, authentication and access log as the API. Packs stream in and out; nothing is buffered whole.
 *
 * <p>A private repository the caller may not read looks exactly like a missing one: an anonymous
 * caller is asked for credentials (401) either way, an authenticated one gets 404 either way.
 */
public final class GitHttpRoutes implements Routes {
    private static final Logger LOG = LoggerFactory.getLogger(GitHttpRoutes.class);
    private static final String UPLOAD = "git-upload-pack";
    private static final String RECEIVE = "git-receive-pack";

    private final GitServices git;
    private final Authentication<Principal> auth;

    public GitHttpRoutes(GitServices git, Authentication<Principal> auth) {
        this.git = git;
        this.auth = auth;
    }

    @Override
    public void register(JavalinDefaultRoutingApi r) {
        r.get("/{owner}/{repo}/info/refs", this::infoRefs);
        r.post("/{owner}/{repo}/" + UPLOAD, ctx -> guarded(ctx, () -> uploadPack(ctx)));
        r.post("/{owner}/{repo}/" + RECEIVE, ctx -> guarded(ctx, () -> receivePack(ctx)));
    }

    @FunctionalInterface
    private interface GitAction {
        void run() throws IOException;
    }

    private void infoRefs(Context ctx) {
        String service = ctx.queryParam("service");
        if (!UPLOAD.equals(service) && !RECEIVE.equals(service)) {
            plain(ctx, 403, "Hearth speaks git's smart HTTP protocol only; please upgrade git (1.6.6 or later).");
            return;
        }
        guarded(ctx, () -> {
            boolean push = RECEIVE.equals(service);
            RepoService.Access access = resolve(ctx, push ? Permission.WRITE : Permission.READ);
            prepareResponse(ctx, "application/x-" + service + "-advertisement");
            OutputStream out = ctx.res().getOutputStream();
            try (Repository db = git.open(access)) {
                PacketLineOut pck = new PacketLineOut(out);
                if (push) {
                    pck.writeString("# service=" + RECEIVE + "\n");
                    pck.end();
                    receivePackFor(ctx, db, access).sendAdvertisedRefs(new PacketLineOutRefAdvertiser(pck));
                } else {
                    uploadPackFor(ctx, db).sendAdvertisedRefs(new PacketLineOutRefAdvertiser(pck), service);
                }
            }
            out.flush();
        });
    }

    private void uploadPack(Context ctx) throws IOException {
        RepoService.Access access = resolve(ctx, Permission.READ);
        try (UploadSlots.Slot slot = git.uploadSlot(access); Repository db = git.open(access)) {
            prepareResponse(ctx, "application/x-git-upload-pack-result");
            InputStream in = UploadRequestLimits.guard(ctx.req().getInputStream(), gzip(ctx));
            uploadPackFor(ctx, db).uploadWithExceptionPropagation(in, ctx.res().getOutputStream(), null);
        }
    }

    private void receivePack(Context ctx) throws IOException {
        RepoService.Access access = resolve(ctx, Permission.WRITE);
        prepareResponse(ctx, "application/x-git-receive-pack-result");
        InputStream in = body(ctx);
        OutputStream out = ctx.res().getOutputStream();
        try (Repository db = git.open(access)) {
            receivePackFor(ctx, db, access).receive(in, out, null);
        } catch (UnpackException | CorruptObjectException | PackProtocolException e) {
            // JGit has already written the status report ("unpack error ..."), which git shows
            // as "remote unpack failed". Read the rest of the pack so the client gets to read it.
            LOG.info("Push to {} refused: {}", access.repo().fullName(), rootMessage(e));
            UnreadBody.discard(ctx, git.maxPackSize());
            out.flush();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage();
    }

    /** HTTP is stateless: each request is one half of the exchange, so the pipe is one-way. */
    private UploadPack uploadPackFor(Context ctx, Repository db) {
        UploadPack up = git.uploadPack(db, GitServices.protocolParameters(ctx.header("Git-Protocol")));
        up.setBiDirectionalPipe(false);
        return up;
    }

    private ReceivePack receivePackFor(Context ctx, Repository db, RepoService.Access access) {
        Principal pusher = auth.require(ctx);
        ReceivePack rp = git.receivePack(db, access, pusher,
                HttpServer.actor(ctx, pusher));
        rp.setBiDirectionalPipe(false);
        return rp;
    }

    /**
     * Finds the repository and checks the caller's level. Anonymous callers get a Basic
     * challenge, so git retries with credentials; nothing tells a hidden repository from none.
     */
    private RepoService.Access resolve(Context ctx, Permission needed) {
        return git.authorize(auth.caller(ctx), ctx.pathParam("owner"), ctx.pathParam("repo"), needed);
    }

    private static InputStream body(Context ctx) throws IOException {
        InputStream in = ctx.req().getInputStream();
        return gzip(ctx) ? new StrictGzip(in) : in;
    }

    /**
     * Gzip whose early end is an error, not the end: JGit reads an {@link EOFException} before
     * the commands as a client with nothing to push, and would answer a cut-off body with success.
     */
    private static final class StrictGzip extends GZIPInputStream {
        StrictGzip(InputStream in) throws IOException {
            super(in, 8192);
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            try {
                return super.read(buf, off, len);
            } catch (EOFException e) {
                throw new ZipException("the gzip body ends early");
            }
        }
    }

    private static boolean gzip(Context ctx) {
        String encoding = ctx.header("Content-Encoding");
        return encoding != null && (encoding.equals("gzip") || encoding.equals("x-gzip"));
    }

    private static void prepareResponse(Context ctx, String contentType) {
        ctx.status(200);
        ctx.res().setContentType(contentType);
        ctx.res().setHeader("Cache-Control", "no-cache, max-age=0, must-revalidate");
        ctx.res().setHeader("Expires", "Fri, 01 Jan 1980 00:00:00 GMT");
        ctx.res().setHeader("Pragma", "no-cache");
    }

    /**
     * Runs a git handler. Errors become plain text, which git prints as {@code remote: ...};
     * once a pack has started streaming, there is nothing left to tell the client but to stop.
     */
    private static void guarded(Context ctx, GitAction action) {
        try {
            action.run();
        } catch (HearthException e) {
            if (ctx.res().isCommitted()) throw e;
            if (e.category() == ErrorCategory.UNAUTHENTICATED) ctx.header("WWW-Authenticate", "Basic realm=\"Hearth\"");
            plain(ctx, e.category().status(), e.getMessage());
        } catch (ServiceMayNotContinueException e) {
            if (!ctx.res().isCommitted()) plain(ctx, e.getStatusCode() > 0 ? e.getStatusCode() : 403, e.getMessage());
        } catch (IOException e) {
            if (ctx.res().isCommitted()) return; // the client went away or the stream broke mid-pack
            Optional<ServiceMayNotContinueException> refused = causeOf(e, ServiceMayNotContinueException.class);
            if (refused.isPresent()) {
                int status = refused.get().getStatusCode();
                plain(ctx, status > 0 && status != 500 ? status : 403, refused.get().getMessage());
                return;
            }
            if (causeOf(e, java.util.concurrent.TimeoutException.class).isPresent()) {
                plain(ctx, 408, "The request body came too slowly");
                return;
            }
            Optional<String> fault = clientFault(e);
            if (fault.isEmpty()) throw new java.io.UncheckedIOException(e);
            LOG.info("Git request {} {} refused as malformed: {}", ctx.method(), ctx.path(), fault.get());
            plain(ctx, 400, "Malformed git request: " + fault.get());
        }
    }

    /**
     * What in {@code e} is the client's doing, said for the client: a malformed pkt-line, a want
     * of something not advertised (JGit's {@link PackProtocolException}s), a body that ends early
     * or gzip that does not decode. Anything else is the server's, and stays a 500.
     */
    private static <T extends Throwable> Optional<T> causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) return Optional.of(type.cast(t));
        }
        return Optional.empty();
    }

    private static Optional<String> clientFault(Throwable e) {
        String badHeader = MessageFormat.format(JGitText.get().invalidPacketLineHeader, "");
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PackProtocolException) return Optional.ofNullable(t.getMessage());
            if (t instanceof EOFException) return Optional.of("the request body ends early");
            if (t instanceof ZipException) return Optional.of("the gzip body does not decode");
            if (t.getMessage() != null && t.getMessage().startsWith(badHeader)) return Optional.of(t.getMessage());
        }
        return Optional.empty();
    }

    private static void plain(Context ctx, int status, String message) {
        ctx.res().resetBuffer(); // whatever JGit wrote ahead of the failure (an ERR line) is replaced
        ctx.status(status);
        ctx.contentType("text/plain; charset=utf-8");
        ctx.result(message + "\n");
    }
}
