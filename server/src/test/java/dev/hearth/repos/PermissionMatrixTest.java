package dev.hearth.repos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.accounts.Principal;
import dev.hearth.accounts.Scope;
import dev.hearth.accounts.User;
import dev.hearth.testing.ApiClient;
import dev.hearth.testing.EventClient;
import dev.hearth.testing.Response;
import dev.hearth.testing.TestHearth;
import dev.hearth.web.HttpServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every route Hearth registers, asked by every kind of caller about a public and a private
 * repository, answers as {@link AccessPolicy} decides: allowed when the policy allows the route's
 * {@link RepoAction}, 401/403 when the caller may read but not do it, and for a caller who may not
 * read, exactly what a repository that does not exist answers (a private repository stays
 * invisible on every route). A route the table below does not classify fails the test.
 */
class PermissionMatrixTest {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([0-9a-f]+)\"");
    private static final AtomicInteger UNIQUE = new AtomicInteger();

    static final Set<Scope> PERSON = EnumSet.complementOf(EnumSet.of(Scope.SITE_ADMIN));
    static TestHearth server;
    static ApiClient api;
    static TestHearth.User owner;
    static TestHearth.User extra;
    /** The owner's token with every scope but site_admin: setting things up without hashing a password per request. */
    static String full;
    static final String ALL_SCOPES = "[\"repo\",\"read:repo\",\"delete_repo\",\"admin:repo_hook\",\"admin:public_key\"]";
    static final Map<Who, String> AUTH = new LinkedHashMap<>();
    static final Map<Who, Long> IDS = new LinkedHashMap<>();
    static Target pub;
    static Target priv;
    static Target missing;
    /** An anonymous page session and its CSRF token, for form posts (credentials come in the Authorization header). */
    static String cookie;
    static String csrf;

    /**
     * Every kind of caller the matrix asks as. People sign in with a token carrying every scope
     * they may have (as good as their password to the policy, without hashing a password per
     * request); the TOKEN_ callers are the owner's tokens with fewer scopes.
     */
    enum Who {
        ANONYMOUS(null, Set.of()), NO_GRANT(Permission.NONE, PERSON), READ(Permission.READ, PERSON),
        TRIAGE(Permission.TRIAGE, PERSON), WRITE(Permission.WRITE, PERSON), MAINTAIN(Permission.MAINTAIN, PERSON),
        ADMIN(Permission.ADMIN, PERSON), OWNER(Permission.ADMIN, PERSON), SITE_ADMIN(Permission.ADMIN, Scope.all()),
        TOKEN_REPO(Permission.ADMIN, Set.of(Scope.REPO)), TOKEN_READ_REPO(Permission.ADMIN, Set.of(Scope.READ_REPO)),
        TOKEN_NONE(Permission.ADMIN, Set.of());

        final Permission granted;
        final Set<Scope> scopes;

        Who(Permission granted, Set<Scope> scopes) {
            this.granted = granted;
            this.scopes = scopes;
        }

        /** The caller as the policy sees it (ids and logins do not matter to the decision). */
        Optional<Principal> principal() {
            if (this == ANONYMOUS) return Optional.empty();
            User u = new User(IDS.getOrDefault(this, 0L), name(), "x@example.com", this == SITE_ADMIN, Instant.EPOCH, Instant.EPOCH);
            return Optional.of(new Principal(u, scopes.isEmpty() ? EnumSet.noneOf(Scope.class) : EnumSet.copyOf(scopes),
                    Principal.Method.TOKEN));
        }

        boolean allows(Target t, RepoAction action) {
            return AccessPolicy.allows(principal(), t.meta(), granted == null ? Permission.NONE : granted, action);
        }
    }

    /** A repository the requests go to, with the values its sample paths need. */
    record Target(String fullName, boolean isPrivate, String commit, String tree, String blob, long hook, long delivery) {
        Repository meta() {
            return new Repository(1, 1, "o", "r", null, isPrivate, "main", Instant.EPOCH, Instant.EPOCH, null);
        }

        boolean exists() {
            return commit != null;
        }

        /** The sample path: %R owner/repo, %C commit, %T tree, %B blob, %H hook id, %D delivery id, %X a user. */
        String path(String template) {
            return template.replace("%R", fullName).replace("%C", or(commit, "0123456789abcdef0123456789abcdef01234567"))
                    .replace("%T", or(tree, "0123456789abcdef0123456789abcdef01234567"))
                    .replace("%B", or(blob, "0123456789abcdef0123456789abcdef01234567"))
                    .replace("%H", Long.toString(hook)).replace("%D", Long.toString(delivery)).replace("%X", extra.login());
        }

        private static String or(String s, String fallback) {
            return s == null ? fallback : s;
        }
    }

    /** One request: a form post when {@code form} is set, else JSON (or raw) {@code body}. */
    record Req(String method, String path, String body, String contentType, Map<String, String> headers) {
        static Req of(String method, String path) {
            return new Req(method, path, null, null, Map.of());
        }

        static Req json(String method, String path, String json) {
            return new Req(method, path, json, "application/json", Map.of());
        }

        static Req form(String path, String... kv) {
            StringBuilder b = new StringBuilder("_csrf=" + csrf);
            for (int i = 0; i < kv.length; i += 2) {
                b.append('&').append(enc(kv[i])).append('=').append(enc(kv[i + 1]));
            }
            return new Req("POST", path, b.toString(), "application/x-www-form-urlencoded",
                    Map.of("Cookie", cookie, "Origin", server.baseUrl()));
        }
    }

    /** A request to make about a repository, and the action the policy must allow for it to succeed. */
    record Case(RepoAction action, RepoAction purpose, Function<Target, Req> request) {}

    /** How a registered route is covered: by cases about a repository, or not about one (and why). */
    sealed interface Coverage permits Cases, NotARepository {}

    record Cases(List<Case> cases) implements Coverage {}

    record NotARepository(String why) implements Coverage {}

    static Cases read(String method, String template) {
        return new Cases(List.of(new Case(RepoAction.READ, RepoAction.READ, t -> Req.of(method, t.path(template)))));
    }

    static Cases cases(RepoAction action, Function<Target, Req> request) {
        return new Cases(List.of(new Case(action, RepoAction.READ, request)));
    }

    static Cases hooks(Function<Target, Req> request) {
        return new Cases(List.of(new Case(RepoAction.MANAGE_HOOKS, RepoAction.MANAGE_HOOKS, request)));
    }

    static NotARepository elsewhere(String why) {
        return new NotARepository(why);
    }

    /** Every route Hearth registers, as {@code METHOD path} the way the server records it. */
    static Map<String, Coverage> table() {
        Map<String, Coverage> m = new LinkedHashMap<>();
        String api = "/api/v3/repos/{owner}/{repo}";
        // Not about one repository: accounts, sessions, health, documents. Listings are checked by aListingShowsWhatThePolicyLetsRead.
        for (String r : List.of("GET /api/v3/rate_limit", "GET /api/v3/openapi.yaml", "GET /api/v3/openapi.json", "GET /healthz",
                "GET /readyz", "GET /api/v3/admin/audit", "POST /api/v3/admin/users", "PATCH /api/v3/admin/users/{login}",
                "GET /api/v3/users/{login}", "POST /api/v3/users/{login}/tokens", "GET /api/v3/users/{login}/tokens",
                "DELETE /api/v3/users/{login}/tokens/{id}", "GET /api/v3/user", "POST /api/v3/user/keys", "GET /api/v3/user/keys",
                "GET /api/v3/user/keys/{id}", "DELETE /api/v3/user/keys/{id}", 
                "POST /api/v3/user/oauth-clients", "GET /api/v3/user/oauth-clients", "DELETE /api/v3/user/oauth-clients/{id}",
                "POST /oauth/token", "GET /login", "POST /login",
                "POST /logout", "GET /assets/<file>", "GET /explore", "GET /new", "POST /new", "GET /settings/tokens",
                "POST /settings/tokens", "POST /settings/tokens/{id}/delete", "GET /settings/keys", "POST /settings/keys",
                "POST /settings/keys/{id}/delete", "GET /settings", "GET /settings/security", "POST /settings/password", "POST /settings/sessions/end")) {
            m.put(r, elsewhere("not about one repository"));
        }
        m.put("POST /api/v3/user/repos", elsewhere("creates a repository: any signed-in caller with the repo scope"));
        m.put("GET /api/v3/user/repos", elsewhere("a listing: aListingShowsWhatThePolicyLetsRead"));
        m.put("GET /api/v3/users/{login}/repos", elsewhere("a listing: aListingShowsWhatThePolicyLetsRead"));
        m.put("GET /", elsewhere("a listing: aListingShowsWhatThePolicyLetsRead"));
        m.put("GET /{login}", elsewhere("a listing: aListingShowsWhatThePolicyLetsRead"));
        m.put("WEBSOCKET /api/v3/events", elsewhere("a subscription: theEventStreamSubscribesOnlyWhatThePolicyLetsRead"));

        // The repository and its collaborators.
        m.put("GET " + api, read("GET", "/api/v3/repos/%R"));
        m.put("PATCH " + api, cases(RepoAction.EDIT_DETAILS, t -> Req.json("PATCH", t.path("/api/v3/repos/%R"),
                "{\"description\":\"described\"}")));
        m.put("DELETE " + api, new Cases(List.of(new Case(RepoAction.DELETE, RepoAction.READ, t -> {
            // A fresh repository with the same grants for each request, so an allowed delete takes nothing away.
            Target fresh = t.exists() ? throwaway(t.isPrivate()) : t;
            return Req.of("DELETE", fresh.path("/api/v3/repos/%R"));
        }))));
        m.put("GET " + api + "/collaborators", cases(RepoAction.LIST_COLLABORATORS, t -> Req.of("GET", t.path("/api/v3/repos/%R/collaborators"))));
        m.put("PUT " + api + "/collaborators/{login}", cases(RepoAction.MANAGE_COLLABORATORS,
                t -> Req.json("PUT", t.path("/api/v3/repos/%R/collaborators/%X"), "{\"permission\":\"pull\"}")));
        m.put("DELETE " + api + "/collaborators/{login}", cases(RepoAction.MANAGE_COLLABORATORS, t -> {
            if (t.exists()) ok(PermissionMatrixTest.api.put(t.path("/api/v3/repos/%R/collaborators/%X"), full, "{\"permission\":\"pull\"}"));
            return Req.of("DELETE", t.path("/api/v3/repos/%R/collaborators/%X"));
        }));
        m.put("GET " + api + "/collaborators/{login}/permission", read("GET", "/api/v3/repos/%R/collaborators/%X/permission"));

        // Branch protection.
        String protection = api + "/branches/<branch>/protection";
        m.put("GET " + protection, cases(RepoAction.MANAGE_PROTECTION, t -> Req.of("GET", t.path("/api/v3/repos/%R/branches/guard/protection"))));
        m.put("PUT " + protection, cases(RepoAction.MANAGE_PROTECTION, t -> Req.json("PUT",
                t.path("/api/v3/repos/%R/branches/guard/protection"), PROTECT)));
        m.put("DELETE " + protection, cases(RepoAction.MANAGE_PROTECTION, t -> {
            String pattern = "gone" + UNIQUE.incrementAndGet();
            if (t.exists()) ok(PermissionMatrixTest.api.put(t.path("/api/v3/repos/%R/branches/" + pattern + "/protection"), full, PROTECT));
            return Req.of("DELETE", t.path("/api/v3/repos/%R/branches/" + pattern + "/protection"));
        }));

        // Browsing through the API.
        m.put("GET " + api + "/git/trees/<sha>", read("GET", "/api/v3/repos/%R/git/trees/%T"));
        m.put("GET " + api + "/git/blobs/{sha}", read("GET", "/api/v3/repos/%R/git/blobs/%B"));
        m.put("GET " + api + "/contents", read("GET", "/api/v3/repos/%R/contents"));
        m.put("GET " + api + "/contents/<path>", read("GET", "/api/v3/repos/%R/contents/README.md"));
        m.put("GET " + api + "/readme", read("GET", "/api/v3/repos/%R/readme"));
        m.put("GET " + api + "/readme/<path>", read("GET", "/api/v3/repos/%R/readme/"));
        m.put("GET /{owner}/{repo}/raw/<refpath>", read("GET", "/%R/raw/main/README.md"));
        m.put("GET " + api + "/commits", read("GET", "/api/v3/repos/%R/commits"));
        m.put("GET " + api + "/commits/<ref>", read("GET", "/api/v3/repos/%R/commits/main"));
        m.put("GET " + api + "/git/commits/{sha}", read("GET", "/api/v3/repos/%R/git/commits/%C"));
        m.put("GET " + api + "/compare/<basehead>", read("GET", "/api/v3/repos/%R/compare/main...main"));
        m.put("GET " + api + "/branches", read("GET", "/api/v3/repos/%R/branches"));
        m.put("GET " + api + "/branches/<branch>", read("GET", "/api/v3/repos/%R/branches/main"));
        m.put("GET " + api + "/tags", read("GET", "/api/v3/repos/%R/tags"));
        m.put("GET " + api + "/git/refs", read("GET", "/api/v3/repos/%R/git/refs"));
        m.put("GET " + api + "/git/refs/<ref>", read("GET", "/api/v3/repos/%R/git/refs/heads/main"));
        m.put("GET " + api + "/git/ref/<ref>", read("GET", "/api/v3/repos/%R/git/ref/heads/main"));
        m.put("GET " + api + "/git/matching-refs/<ref>", read("GET", "/api/v3/repos/%R/git/matching-refs/heads/"));
        for (String kind : List.of("tarball", "zipball")) {
            m.put("GET " + api + "/" + kind, read("GET", "/api/v3/repos/%R/" + kind));
            m.put("GET " + api + "/" + kind + "/<ref>", read("GET", "/api/v3/repos/%R/" + kind + "/main"));
        }

        // Writing through the API.
        m.put("PUT " + api + "/contents/<path>", cases(RepoAction.PUSH, t -> Req.json("PUT",
                t.path("/api/v3/repos/%R/contents/added/" + UNIQUE.incrementAndGet() + ".txt"),
                "{\"message\":\"add\",\"content\":\"aGk=\"}")));
        m.put("DELETE " + api + "/contents/<path>", cases(RepoAction.PUSH, t -> {
            String path = "doomed/" + UNIQUE.incrementAndGet() + ".txt";
            String sha = "0123456789abcdef0123456789abcdef01234567";
            if (t.exists()) {
                Response put = PermissionMatrixTest.api.put(t.path("/api/v3/repos/%R/contents/" + path), full,
                        "{\"message\":\"add\",\"content\":\"aGk=\"}");
                ok(put);
                sha = put.json().get("content").get("sha").asString();
            }
            return Req.json("DELETE", t.path("/api/v3/repos/%R/contents/" + path), "{\"message\":\"rm\",\"sha\":\"" + sha + "\"}");
        }));
        m.put("POST " + api + "/uploads", cases(RepoAction.PUSH, t -> new Req("POST", t.path("/api/v3/repos/%R/uploads"),
                "--XyZ\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\nup\r\n--XyZ\r\n"
                        + "Content-Disposition: form-data; name=\"files\"; filename=\"up" + UNIQUE.incrementAndGet()
                        + ".txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--XyZ--\r\n",
                "multipart/form-data; boundary=XyZ", Map.of())));

        // Git over HTTP: fetching needs read, pushing write.
        m.put("GET /{owner}/{repo}/info/refs", new Cases(List.of(
                new Case(RepoAction.READ, RepoAction.READ, t -> Req.of("GET", t.path("/%R.git/info/refs?service=git-upload-pack"))),
                new Case(RepoAction.PUSH, RepoAction.READ, t -> Req.of("GET", t.path("/%R.git/info/refs?service=git-receive-pack"))))));
        m.put("POST /{owner}/{repo}/git-upload-pack", cases(RepoAction.READ, t -> new Req("POST", t.path("/%R.git/git-upload-pack"),
                "0014command=ls-refs\n0000", "application/x-git-upload-pack-request", Map.of("Git-Protocol", "version=2"))));
        m.put("POST /{owner}/{repo}/git-receive-pack", cases(RepoAction.PUSH, t -> new Req("POST", t.path("/%R.git/git-receive-pack"),
                "0000", "application/x-git-receive-pack-request", Map.of())));

        // Webhooks.
        String hooks = api + "/hooks";
        m.put("GET " + hooks, hooks(t -> Req.of("GET", t.path("/api/v3/repos/%R/hooks"))));
        m.put("POST " + hooks, hooks(t -> Req.json("POST", t.path("/api/v3/repos/%R/hooks"), HOOK)));
        m.put("GET " + hooks + "/{id}", hooks(t -> Req.of("GET", t.path("/api/v3/repos/%R/hooks/%H"))));
        m.put("PATCH " + hooks + "/{id}", hooks(t -> Req.json("PATCH", t.path("/api/v3/repos/%R/hooks/%H"), "{\"active\":true}")));
        m.put("DELETE " + hooks + "/{id}", hooks(t -> {
            long id = t.exists() ? hook(t.fullName()) : 1;
            return Req.of("DELETE", t.path("/api/v3/repos/%R/hooks/" + id));
        }));
        m.put("POST " + hooks + "/{id}/pings", hooks(t -> Req.of("POST", t.path("/api/v3/repos/%R/hooks/%H/pings"))));
        m.put("GET " + hooks + "/{id}/deliveries", hooks(t -> Req.of("GET", t.path("/api/v3/repos/%R/hooks/%H/deliveries"))));
        m.put("GET " + hooks + "/{id}/deliveries/{delivery}", hooks(t -> Req.of("GET", t.path("/api/v3/repos/%R/hooks/%H/deliveries/%D"))));
        m.put("POST " + hooks + "/{id}/deliveries/{delivery}/attempts",
                hooks(t -> Req.of("POST", t.path("/api/v3/repos/%R/hooks/%H/deliveries/%D/attempts"))));

        // Pages.
        m.put("GET /{owner}/{repo}", read("GET", "/%R"));
        m.put("GET /{owner}/{repo}/tree/<refpath>", read("GET", "/%R/tree/main"));
        m.put("GET /{owner}/{repo}/blob/<refpath>", read("GET", "/%R/blob/main/README.md"));
        m.put("GET /{owner}/{repo}/commits", read("GET", "/%R/commits"));
        m.put("GET /{owner}/{repo}/commits/<refpath>", read("GET", "/%R/commits/main"));
        m.put("GET /{owner}/{repo}/commit/{sha}", read("GET", "/%R/commit/%C"));
        m.put("GET /{owner}/{repo}/branches", read("GET", "/%R/branches"));
        m.put("GET /{owner}/{repo}/tags", read("GET", "/%R/tags"));
        m.put("GET /{owner}/{repo}/compare/<basehead>", read("GET", "/%R/compare/main...main"));
        m.put("GET /{owner}/{repo}/settings", cases(RepoAction.EDIT_DETAILS, t -> Req.of("GET", t.path("/%R/settings"))));
        m.put("POST /{owner}/{repo}/settings", cases(RepoAction.EDIT_DETAILS, t -> Req.form(t.path("/%R/settings"),
                "name", t.fullName().substring(t.fullName().indexOf('/') + 1), "description", "described", "default_branch", "main",
                t.isPrivate() ? "private" : "public_stays", "on")));
        m.put("POST /{owner}/{repo}/settings/collaborators", cases(RepoAction.MANAGE_COLLABORATORS,
                t -> Req.form(t.path("/%R/settings/collaborators"), "login", extra.login(), "permission", "read")));
        m.put("POST /{owner}/{repo}/settings/collaborators/{login}/delete", cases(RepoAction.MANAGE_COLLABORATORS, t -> {
            if (t.exists()) ok(PermissionMatrixTest.api.put(t.path("/api/v3/repos/%R/collaborators/%X"), full, "{\"permission\":\"pull\"}"));
            return Req.form(t.path("/%R/settings/collaborators/%X/delete"));
        }));
        m.put("POST /{owner}/{repo}/settings/delete", cases(RepoAction.DELETE, t -> {
            Target fresh = t.exists() ? throwaway(t.isPrivate()) : t;
            return Req.form(fresh.path("/%R/settings/delete"), "confirm", fresh.fullName().substring(fresh.fullName().indexOf('/') + 1));
        }));
        m.put("GET /{owner}/{repo}/settings/branches", cases(RepoAction.MANAGE_PROTECTION, t -> Req.of("GET", t.path("/%R/settings/branches"))));
        m.put("POST /{owner}/{repo}/settings/branches", cases(RepoAction.MANAGE_PROTECTION,
                t -> Req.form(t.path("/%R/settings/branches"), "pattern", "guard", "pushers", "")));
        m.put("POST /{owner}/{repo}/settings/branches/delete", cases(RepoAction.MANAGE_PROTECTION, t -> {
            String pattern = "gone" + UNIQUE.incrementAndGet();
            if (t.exists()) ok(PermissionMatrixTest.api.put(t.path("/api/v3/repos/%R/branches/" + pattern + "/protection"), full, PROTECT));
            return Req.form(t.path("/%R/settings/branches/delete"), "pattern", pattern);
        }));
        m.put("GET /{owner}/{repo}/settings/hooks", hooks(t -> Req.of("GET", t.path("/%R/settings/hooks"))));
        m.put("POST /{owner}/{repo}/settings/hooks", hooks(t -> Req.form(t.path("/%R/settings/hooks"),
                "url", "http://127.0.0.1:9/ui", "content_type", "json", "secret", "", "events", "push")));
        m.put("GET /{owner}/{repo}/settings/hooks/{id}", hooks(t -> Req.of("GET", t.path("/%R/settings/hooks/%H"))));
        m.put("POST /{owner}/{repo}/settings/hooks/{id}", hooks(t -> Req.form(t.path("/%R/settings/hooks/%H"),
                "url", "http://127.0.0.1:9/hook", "content_type", "json", "secret", "", "events", "push", "active", "on")));
        m.put("POST /{owner}/{repo}/settings/hooks/{id}/ping", hooks(t -> Req.form(t.path("/%R/settings/hooks/%H/ping"))));
        m.put("POST /{owner}/{repo}/settings/hooks/{id}/deliveries/{delivery}/redeliver",
                hooks(t -> Req.form(t.path("/%R/settings/hooks/%H/deliveries/%D/redeliver"))));
        m.put("POST /{owner}/{repo}/settings/hooks/{id}/delete", hooks(t -> {
            long id = t.exists() ? hook(t.fullName()) : 1;
            return Req.form(t.path("/%R/settings/hooks/" + id + "/delete"));
        }));
        return m;
    }

    static final String PROTECT = "{\"required_status_checks\":null,\"enforce_admins\":false,"
            + "\"required_pull_request_reviews\":null,\"restrictions\":null}";
    static final String HOOK = "{\"config\":{\"url\":\"http://127.0.0.1:9/hook\",\"content_type\":\"json\"},\"events\":[\"push\"]}";

    @BeforeAll
    static void start() {
        server = TestHearth.sqlite();
        api = server.api();
        owner = server.newUser("owner");
        extra = server.newUser("extra");
        full = token(owner.login(), owner.basic(), ALL_SCOPES);
        ok(api.post("/api/v3/user/repos", owner.bearer(), "{\"name\":\"pub\",\"auto_init\":true}"));
        ok(api.post("/api/v3/user/repos", owner.bearer(), "{\"name\":\"priv\",\"private\":true,\"auto_init\":true}"));
        AUTH.put(Who.ANONYMOUS, null);
        Map<Who, TestHearth.User> collaborators = new LinkedHashMap<>();
        for (Who w : List.of(Who.NO_GRANT, Who.READ, Who.TRIAGE, Who.WRITE, Who.MAINTAIN, Who.ADMIN)) {
            TestHearth.User u = server.newUser(w.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            collaborators.put(w, u);
            AUTH.put(w, token(u.login(), u.basic(), ALL_SCOPES));
            IDS.put(w, u.id());
        }
        AUTH.put(Who.OWNER, full);
        IDS.put(Who.OWNER, owner.id());
        AUTH.put(Who.SITE_ADMIN, token("admin", server.admin(), ALL_SCOPES.replace("]", ",\"site_admin\"]")));
        IDS.put(Who.SITE_ADMIN, 1L);
        AUTH.put(Who.TOKEN_REPO, token(owner.login(), owner.basic(), "[\"repo\"]"));
        AUTH.put(Who.TOKEN_READ_REPO, token(owner.login(), owner.basic(), "[\"read:repo\"]"));
        AUTH.put(Who.TOKEN_NONE, token(owner.login(), owner.basic(), "[]"));
        GRANTS.putAll(collaborators);
        pub = prepare(owner.login() + "/pub", false);
        priv = prepare(owner.login() + "/priv", true);
        missing = new Target(owner.login() + "/no-such-repo", true, null, null, null, 1, 1);
        Response login = api.send("GET", "/login", null, null, Map.of("Accept", "text/html"));
        cookie = login.header("Set-Cookie").split(";", 2)[0];
        Matcher m = CSRF.matcher(login.body());
        assertThat(m.find()).as("a CSRF field on /login").isTrue();
        csrf = m.group(1);
    }

    static final Map<Who, TestHearth.User> GRANTS = new LinkedHashMap<>();

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String token(String login, String password, String scopes) {
        Response r = api.post("/api/v3/users/" + login + "/tokens", password,
                "{\"name\":\"t" + UNIQUE.incrementAndGet() + "\",\"scopes\":" + scopes + "}");
        ok(r);
        return ApiClient.bearer(r.json().get("token").asString());
    }

    /** Grants every collaborator their role, and finds the values sample paths need. */
    private static Target prepare(String fullName, boolean isPrivate) {
        grantAll(fullName);
        JsonNode commit = ok(api.get("/api/v3/repos/" + fullName + "/commits/main", full)).json();
        String blob = ok(api.get("/api/v3/repos/" + fullName + "/contents/README.md", full)).json().get("sha").asString();
        long hook = hook(fullName);
        ok(api.post("/api/v3/repos/" + fullName + "/hooks/" + hook + "/pings", full, null));
        long delivery = ok(api.get("/api/v3/repos/" + fullName + "/hooks/" + hook + "/deliveries", full)).json()
                .get(0).get("id").asLong();
        ok(api.put("/api/v3/repos/" + fullName + "/branches/guard/protection", full, PROTECT));
        return new Target(fullName, isPrivate, commit.get("sha").asString(), commit.get("commit").get("tree").get("sha").asString(),
                blob, hook, delivery);
    }

    private static void grantAll(String fullName) {
        for (var e : GRANTS.entrySet()) {
            if (e.getKey().granted == Permission.NONE) continue;
            ok(api.put("/api/v3/repos/" + fullName + "/collaborators/" + e.getValue().login(), full,
                    "{\"permission\":\"" + e.getKey().granted.wire() + "\"}"));
        }
    }

    private static long hook(String fullName) {
        return ok(api.post("/api/v3/repos/" + fullName + "/hooks", full, HOOK)).json().get("id").asLong();
    }

    /** A new repository of the owner's with every collaborator granted, for a request that deletes it. */
    private static Target throwaway(boolean isPrivate) {
        String name = "gone-" + UNIQUE.incrementAndGet();
        ok(api.post("/api/v3/user/repos", owner.bearer(), "{\"name\":\"" + name + "\",\"private\":" + isPrivate + "}"));
        String fullName = owner.login() + "/" + name;
        grantAll(fullName);
        return new Target(fullName, isPrivate, "x", null, null, 1, 1);
    }

    private static Response ok(Response r) {
        assertThat(r.status()).as(r.toString()).isBetween(200, 299);
        return r;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Response send(Req req, String auth) {
        Map<String, String> headers = new LinkedHashMap<>(req.headers());
        if (req.contentType() != null) headers.put("Content-Type", req.contentType());
        if (req.path().startsWith("/api/") || req.path().contains(".git/")) headers.putIfAbsent("Accept", "application/json");
        else headers.putIfAbsent("Accept", "text/html");
        return api.send(req.method(), req.path(), auth, req.body(), headers);
    }

    static String key(HttpServer.Route r) {
        return r.method() + " " + r.path();
    }

    @Test
    void everyRegisteredRouteIsClassified() {
        Set<String> registered = server.hearth().routes().stream().map(PermissionMatrixTest::key)
                .collect(Collectors.toCollection(TreeSet::new));
        Map<String, Coverage> table = table();
        Set<String> unclassified = new TreeSet<>(registered);
        unclassified.removeAll(table.keySet());
        Set<String> stale = new TreeSet<>(table.keySet());
        stale.removeAll(registered);
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(unclassified).as("routes the permission matrix does not classify: add them to table()").isEmpty();
            softly.assertThat(stale).as("classified routes the server does not register").isEmpty();
        });
    }

    @Test
    void everyRepositoryRouteAnswersAsThePolicyDecides() {
        Set<String> registered = server.hearth().routes().stream().map(PermissionMatrixTest::key).collect(Collectors.toSet());
        List<String> failures = new ArrayList<>();
        int asked = 0;
        for (var entry : table().entrySet()) {
            if (!(entry.getValue() instanceof Cases cases) || !registered.contains(entry.getKey())) continue;
            for (Case c : cases.cases()) {
                for (Who who : Who.values()) {
                    String auth = AUTH.get(who);
                    // What a repository that does not exist answers this caller: what an unreadable one must answer too.
                    Req absent = c.request().apply(missing);
                    int baseline = send(absent, auth).status();
                    for (Target t : List.of(pub, priv)) {
                        Req req = c.request().apply(t);
                        Response r = send(req, auth);
                        asked++;
                        String verdict = verdict(who, t, c, r, baseline);
                        if (verdict != null) {
                            failures.add(entry.getKey() + " [" + req.method() + " " + req.path() + "] as " + who + " on "
                                    + (t.isPrivate() ? "private" : "public") + ": " + verdict + " (got " + r.status() + ": "
                                    + r.body().substring(0, Math.min(160, r.body().length())).replace('\n', ' ') + ")");
                        }
                    }
                }
            }
        }
        assertThat(asked).isGreaterThan(1000);
        assertThat(failures).as("requests that did not answer as the policy decides").isEmpty();
    }

    /** Null when the answer fits the policy's decision, else what was wrong. */
    private static String verdict(Who who, Target t, Case c, Response r, int baseline) {
        boolean readable = who.allows(t, RepoAction.READ) || who.allows(t, c.purpose());
        boolean allowed = who.allows(t, c.action());
        int s = r.status();
        boolean toLogin = s >= 300 && s < 400 && r.header("Location") != null && r.header("Location").startsWith("/login");
        if (s >= 500) return "a server error";
        if (!readable) {
            if (s != baseline) return "unreadable, so it must answer as a missing repository does (" + baseline + ")";
            if (s != 404 && s != 401 && !toLogin) return "unreadable, so it must be 404 (or ask for credentials)";
            return null;
        }
        if (!allowed) {
            return s == 401 || s == 403 || toLogin ? null : "the policy denies " + c.action() + ", so 401 or 403";
        }
        return s == 401 || s == 403 || s == 404 || toLogin ? "the policy allows " + c.action() : null;
    }

    @Test
    void aListingShowsWhatThePolicyLetsRead() {
        List<String> failures = new ArrayList<>();
        for (Who who : Who.values()) {
            boolean seesPrivate = who.allows(priv, RepoAction.READ);
            // The owner's repositories (API and page) show the private one exactly to who may read it.
            for (String path : List.of("/api/v3/users/" + owner.login() + "/repos?per_page=100", "/" + owner.login())) {
                Response r = api.send("GET", path, AUTH.get(who), null, Map.of("Accept", path.startsWith("/api") ? "application/json" : "text/html"));
                if (r.status() != 200) failures.add(path + " as " + who + ": " + r.status());
                else if (r.body().contains(owner.login() + "/priv") != seesPrivate) failures.add(path + " as " + who + " shows private: " + !seesPrivate);
                if (r.status() == 200 && !r.body().contains(owner.login() + "/pub")) failures.add(path + " as " + who + " hides the public one");
            }
            // Their own repositories: owner and collaborators, not a site admin who merely may read everything.
            if (who == Who.ANONYMOUS) {
                assertThat(api.get("/api/v3/user/repos", null).status()).isEqualTo(401);
                continue;
            }
            boolean affiliated = who != Who.SITE_ADMIN && who != Who.NO_GRANT;
            Response mine = api.get("/api/v3/user/repos?per_page=100", AUTH.get(who));
            if (mine.status() != 200) {
                failures.add("/user/repos as " + who + ": " + mine.status());
                continue;
            }
            if (mine.body().contains(owner.login() + "/priv") != (affiliated && seesPrivate)) {
                failures.add("/user/repos as " + who + " shows private: " + !(affiliated && seesPrivate));
            }
            if (mine.body().contains(owner.login() + "/pub") != affiliated) failures.add("/user/repos as " + who + " shows public: " + !affiliated);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void theEventStreamSubscribesOnlyWhatThePolicyLetsRead() {
        for (Who who : Who.values()) {
            if (who == Who.ANONYMOUS) continue; // the stream needs credentials; EventStreamTest covers refusing anonymous
            try (EventClient c = EventClient.connect(server.baseUrl(), AUTH.get(who))) {
                for (Target t : List.of(pub, priv)) {
                    c.send("{\"type\":\"subscribe\",\"repo\":\"" + t.fullName() + "\"}");
                    JsonNode m = c.next();
                    while (Set.of("ping", "welcome").contains(m.get("type").asString())) m = c.next();
                    assertThat(m.get("type").asString()).as(who + " subscribing to " + t.fullName())
                            .isEqualTo(who.allows(t, RepoAction.READ) ? "subscribed" : "error");
                }
            }
        }
    }

    @Test
    void rolesAreGitHubsFiveOnTheWire() {
        Map<Who, TestHearth.User> g = GRANTS;
        // The repository shows the caller's role as five booleans.
        JsonNode triage = ok(api.get("/api/v3/repos/" + priv.fullName(), g.get(Who.TRIAGE).basic())).json().get("permissions");
        assertThat(triage.toString()).isEqualTo("{\"admin\":false,\"maintain\":false,\"push\":false,\"triage\":true,\"pull\":true}");
        JsonNode maintain = ok(api.get("/api/v3/repos/" + priv.fullName(), g.get(Who.MAINTAIN).basic())).json().get("permissions");
        assertThat(maintain.toString()).isEqualTo("{\"admin\":false,\"maintain\":true,\"push\":true,\"triage\":true,\"pull\":true}");
        // Collaborators carry their role by name.
        JsonNode list = ok(api.get("/api/v3/repos/" + priv.fullName() + "/collaborators?per_page=100", full)).json();
        Map<String, String> roles = new LinkedHashMap<>();
        list.forEach(c -> roles.put(c.get("login").asString(), c.get("role_name").asString()));
        assertThat(roles).containsEntry(g.get(Who.TRIAGE).login(), "triage").containsEntry(g.get(Who.MAINTAIN).login(), "maintain")
                .containsEntry(g.get(Who.READ).login(), "read").containsEntry(g.get(Who.WRITE).login(), "write");
        // GitHub's permission endpoint: the legacy base role, the role name, the user.
        JsonNode p = ok(api.get("/api/v3/repos/" + priv.fullName() + "/collaborators/" + g.get(Who.MAINTAIN).login() + "/permission",
                g.get(Who.READ).basic())).json();
        assertThat(p.get("permission").asString()).isEqualTo("write");
        assertThat(p.get("role_name").asString()).isEqualTo("maintain");
        assertThat(p.get("user").get("login").asString()).isEqualTo(g.get(Who.MAINTAIN).login());
        assertThat(p.get("user").get("permissions").get("maintain").asBoolean()).isTrue();
        JsonNode ownerP = ok(api.get("/api/v3/repos/" + priv.fullName() + "/collaborators/" + owner.login() + "/permission",
                full)).json();
        assertThat(ownerP.get("role_name").asString()).isEqualTo("admin");
        JsonNode none = ok(api.get("/api/v3/repos/" + priv.fullName() + "/collaborators/" + g.get(Who.NO_GRANT).login() + "/permission",
                full)).json();
        assertThat(none.get("permission").asString()).isEqualTo("none");
        JsonNode publicRead = ok(api.get("/api/v3/repos/" + pub.fullName() + "/collaborators/" + g.get(Who.NO_GRANT).login()
                + "/permission", null)).json();
        assertThat(publicRead.get("permission").asString()).isEqualTo("read");
        // GitHub's names are taken, and an unknown one is named in a 422.
        String extraPath = "/api/v3/repos/" + pub.fullName() + "/collaborators/" + extra.login();
        assertThat(api.put(extraPath, full, "{\"permission\":\"maintain\"}").status()).isIn(201, 204);
        assertThat(ok(api.get(extraPath + "/permission", full)).json().get("role_name").asString()).isEqualTo("maintain");
        assertThat(api.put(extraPath, full, "{\"permission\":\"push\"}").status()).isEqualTo(204);
        assertThat(ok(api.get(extraPath + "/permission", full)).json().get("role_name").asString()).isEqualTo("write");
        Response bad = api.put(extraPath, full, "{\"permission\":\"owner\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("permission");
        ok(api.delete(extraPath, full));
    }

    @Test
    void maintainersChangeDetailsButNotWhatNeedsAdmin() {
        String maintainer = GRANTS.get(Who.MAINTAIN).basic();
        String path = "/api/v3/repos/" + priv.fullName();
        assertThat(ok(api.patch(path, maintainer, "{\"description\":\"by a maintainer\"}")).json().get("description").asString())
                .isEqualTo("by a maintainer");
        assertThat(api.patch(path, maintainer, "{\"name\":\"renamed\"}").status()).isEqualTo(403);
        assertThat(api.patch(path, maintainer, "{\"private\":false}").status()).isEqualTo(403);
        assertThat(api.patch(path, maintainer, "{\"default_branch\":\"main\"}").status()).isEqualTo(200);
        // The repository is unchanged by what was refused.
        JsonNode now = ok(api.get(path, full)).json();
        assertThat(now.get("name").asString()).isEqualTo("priv");
        assertThat(now.get("private").asBoolean()).isTrue();
        // A triager reads but does not push.
        assertThat(api.put(path + "/contents/triage.txt", GRANTS.get(Who.TRIAGE).basic(),
                "{\"message\":\"no\",\"content\":\"aGk=\"}").status()).isEqualTo(403);
    }
}
