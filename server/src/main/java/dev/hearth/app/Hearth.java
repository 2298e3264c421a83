package dev.hearth.app;

import dev.hearth.accounts.AccountAuthenticator;
import dev.hearth.accounts.AccountRoutes;
import dev.hearth.accounts.AccountService;
import dev.hearth.accounts.CredentialCheck;
import dev.hearth.accounts.OAuthRoutes;
import dev.hearth.accounts.OAuthService;
import dev.hearth.accounts.PasswordGuard;
import dev.hearth.accounts.PasswordHasher;
import dev.hearth.accounts.Principal;
import dev.hearth.accounts.SshKeyRoutes;
import dev.hearth.accounts.SigningKeys;
import dev.hearth.accounts.SshKeyService;
import dev.hearth.accounts.TokenGuard;
import dev.hearth.accounts.TokenService;
import dev.hearth.activity.ActivityLog;
import dev.hearth.audit.AuditLog;
import dev.hearth.browse.BrowseRoutes;
import dev.hearth.browse.LastCommitStore;
import dev.hearth.browse.LastCommits;
import dev.hearth.config.Settings;
import dev.hearth.events.EventHub;
import dev.hearth.events.EventRoutes;
import dev.hearth.events.HookRoutes;
import dev.hearth.events.HookService;
import dev.hearth.events.SsrfGuard;
import dev.hearth.events.Webhooks;
import dev.hearth.git.CommitWriter;
import dev.hearth.git.ContentWriteRoutes;
import dev.hearth.git.GitHttpRoutes;
import dev.hearth.git.GitServices;
import dev.hearth.git.GitSshServer;
import dev.hearth.git.GitTuning;
import dev.hearth.git.InitialCommit;
import dev.hearth.git.PushPolicy;
import dev.hearth.git.RepoMaintenance;
import dev.hearth.git.WritePath;
import dev.hearth.repos.ProtectionRoutes;
import dev.hearth.repos.Leftovers;
import dev.hearth.repos.ProtectionService;
import dev.hearth.repos.RepoCreator;
import dev.hearth.repos.RepoRoutes;
import dev.hearth.repos.RepoService;
import dev.hearth.repos.RepoStore;
import dev.hearth.storage.Database;
import dev.hearth.storage.SecretBox;
import dev.hearth.ui.UiRoutes;
import dev.hearth.web.Authentication;
import dev.hearth.web.HttpServer;
import dev.hearth.web.JsonBody;
import dev.hearth.web.JsonMapping;
import dev.hearth.web.PublicUrl;
import dev.hearth.web.RateLimitRoutes;
import dev.hearth.web.RateLimiter;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The composition root: builds every component from {@link Settings} with constructors, starts
 * them in order and stops them in reverse. Tests build the same graph with test settings.
 */
public final class Hearth implements AutoCloseable {
    static final long MAX_JSON_BODY = 1024 * 1024;
    /** A file written through the contents API arrives base64 in JSON: about 12 MiB of file. */
    static final long MAX_CONTENT_BODY = 16 * 1024 * 1024;

    private final Database database;
    private final RepoMaintenance maintenance;
    private final HttpServer http;
    private final Optional<GitSshServer> ssh;
    private final ValidatorFactory validation;
    private final Optional<String> generatedAdminPassword;
    private final ActivityLog activity;
    private final EventHub hub;
    private final Webhooks webhooks;
    private final RepoStore store;
    private final RepoService repos;
    private final WritePath writes;

    private Hearth(Settings settings, Clock clock, WritePath.Faults faults) {
        try {
            Files.createDirectories(settings.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + settings.dataDir(), e);
        }
        // A quarter of the heap for JGit's pack windows, at most 256 MiB.
        GitTuning.install(Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 4));
        SecureRandom random = new SecureRandom();
        this.database = Database.open(settings.databaseUrl());
        try {
            PasswordHasher hasher = new PasswordHasher(random);
            AuditLog audit = new AuditLog(database.jdbi(), clock);
            this.activity = new ActivityLog(database, clock);
            AccountService accounts = new AccountService(database.jdbi(), hasher, audit, activity, clock, random);
            TokenService tokens = new TokenService(database.jdbi(), accounts, audit, activity, clock, random);
            this.generatedAdminPassword = accounts.bootstrapAdmin(settings.adminPassword());
            SshKeyService sshKeys = new SshKeyService(database.jdbi(), accounts, audit, clock);
            SecretBox secrets = SecretBox.open(settings.dataDir(), random);
            OAuthService oauth = new OAuthService(database.jdbi(), accounts,
                    new SigningKeys(database.jdbi(), secrets, clock, random, settings.oauthTokenTtl()),
                    audit, activity, clock, random, settings.oauthTokenTtl());

            this.store = new RepoStore(settings.reposDir());
            RepoService repos = new RepoService(database.jdbi(), store, accounts, activity, audit, clock);
            this.repos = repos;
            ProtectionService protections = new ProtectionService(database.jdbi(), accounts, audit, clock);
            LastCommits lastCommits = new LastCommits(BrowseRoutes.LAST_COMMITS_BYTES, new LastCommitStore());
            this.maintenance = new RepoMaintenance(store, lastCommits);
            this.hub = new EventHub(activity, repos, new CredentialCheck(accounts, tokens, oauth, clock));
            SsrfGuard guard = new SsrfGuard(settings.webhookAllowedHosts());
            this.webhooks = new Webhooks(database, activity, secrets, guard, JsonMapping.create(), clock,
                    () -> settings.publicUrl().isEmpty() ? "http://" + settings.host() + ":" + port() : settings.publicUrl());

            this.validation = Validation.byDefaultProvider().configure()
                    .messageInterpolator(new ParameterMessageInterpolator())
                    .buildValidatorFactory();
            JsonMapper mapper = JsonMapping.create();
            JsonBody body = new JsonBody(mapper, validation.getValidator(), MAX_JSON_BODY);
            Authentication<Principal> auth = new Authentication<>(
                    new AccountAuthenticator(accounts, tokens, oauth, audit, new PasswordGuard(clock), new TokenGuard(clock)), Principal.class,
                    Set.of(OAuthRoutes.TOKEN_PATH));

            PushPolicy policy = new PushPolicy(settings.maxObjectSize(), settings.maxPackSize(),
                    settings.maxTreeDepth(), settings.maxTreeEntries());
            this.writes = new WritePath(database.jdbi(), repos, store, protections, maintenance, audit, clock, faults);
            GitServices git = new GitServices(repos, store, policy, writes);
            this.ssh = settings.sshPort().isEmpty() ? Optional.empty() : Optional.of(new GitSshServer(
                    new GitSshServer.Settings(settings.host(), settings.sshPort().getAsInt(),
                            settings.sshDir().resolve("host_ed25519"), settings.transport().sshIdleTimeout()), sshKeys, git));
            PublicUrl publicUrl = new PublicUrl(settings.publicUrl(), this::sshPort);
            CommitWriter writer = new CommitWriter(store, policy, writes, clock);
            RepoCreator creator = new InitialCommit(repos, writer);
            JsonBody contentBody = new JsonBody(mapper, validation.getValidator(), MAX_CONTENT_BODY);
            Path uploads = Files.createDirectories(settings.dataDir().resolve("tmp/uploads"));
            var httpSettings = new HttpServer.Settings(settings.host(), settings.port(), uploads,
                    settings.maxObjectSize(), settings.maxPackSize(), settings.corsOrigins(),
                    settings.transport().httpIdleTimeout(), settings.transport().minRequestDataRate());
            RateLimiter limiter = new RateLimiter(settings.rateLimit(), settings.rateLimitAnonymous(), clock);
            BrowseRoutes browse = new BrowseRoutes(repos, store, accounts, auth, publicUrl, lastCommits);
            HookService hookService = webhooks.service(repos);
            UiRoutes ui = new UiRoutes(new UiRoutes.Deps(accounts, tokens, sshKeys, repos, creator, protections, browse.browser(), activity,
                    hookService, auth, publicUrl), settings.dataDir(), clock, random);
            this.http = new HttpServer(httpSettings, mapper, auth, limiter, ui.pages(), List.of(
                    new RateLimitRoutes(limiter),
                    new OpenApiRoutes(mapper),
                    new HealthRoutes(database, store),
                    new AuditRoutes(audit, auth),
                    new AccountRoutes(accounts, tokens, auth, body, publicUrl),
                    new SshKeyRoutes(sshKeys, auth, body, publicUrl),
                    new OAuthRoutes(oauth, auth, body),
                    new RepoRoutes(repos, creator, auth, body, publicUrl),
                    new ProtectionRoutes(repos, protections, auth, body, publicUrl),
                    browse,
                    new GitHttpRoutes(git, auth),
                    new ContentWriteRoutes(repos, writer, auth, contentBody, publicUrl),
                    new EventRoutes(hub, repos, accounts, auth, ui.pages(), mapper, publicUrl, Duration.ofSeconds(10),
                            settings.transport().eventPing(), settings.transport().eventSocketsPerUser(),
                            settings.transport().eventSocketsPerAddress()),
                    new HookRoutes(hookService, auth, body, publicUrl),
                    ui)); // last: its catch-all page paths must not shadow any other route
        } catch (IOException e) {
            database.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Builds and starts Hearth; throws if the port cannot be bound or the database cannot be reached. */
    public static Hearth start(Settings settings) {
        return start(settings, Clock.systemUTC());
    }

    /** As {@link #start(Settings)}, on a given clock: tests move time to expire tokens. */
    public static Hearth start(Settings settings, Clock clock) {
        return start(settings, clock, WritePath.Faults.NONE);
    }

    /**
     * As {@link #start(Settings, Clock)}, with a fault seam in the write path: tests stop a push
     * half-way, as a crash would, and restart.
     */
    public static Hearth start(Settings settings, Clock clock, WritePath.Faults faults) {
        Hearth hearth = new Hearth(settings, clock, faults);
        try {
            // What a crash left between moving refs and recording their events, before serving.
            new Leftovers(hearth.store).sweep(id -> hearth.repos.byId(id).isPresent());
            hearth.writes.reconcile();
            hearth.writes.start();
            hearth.hub.start();
            hearth.webhooks.start();
            hearth.ssh.ifPresent(GitSshServer::start);
            hearth.http.start();
        } catch (RuntimeException e) {
            hearth.close();
            throw e;
        }
        return hearth;
    }

    public int port() {
        return http.port();
    }

    /** The port git over SSH listens on; 0 when SSH is off. */
    public int sshPort() {
        return ssh.map(GitSshServer::port).orElse(0);
    }

    /** The admin password generated on this first start, to show once; empty otherwise. */
    public Optional<String> generatedAdminPassword() {
        return generatedAdminPassword;
    }

    /** The routes the HTTP server registered: what the OpenAPI document must describe. */
    public List<HttpServer.Route> routes() {
        return http.routes();
    }

    public RepoMaintenance maintenance() {
        return maintenance;
    }



    public ActivityLog activity() {
        return activity;
    }

    @Override
    public void close() {
        try {
            http.stop();
        } finally {
            hub.close();
            webhooks.close();
            try {
                ssh.ifPresent(GitSshServer::close);
            } finally {
                writes.close();
                maintenance.close();
                store.release();
                validation.close();
                database.close();
            }
        }
    }
}
