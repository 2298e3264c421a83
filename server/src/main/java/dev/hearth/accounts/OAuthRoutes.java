package dev.hearth.accounts;

import dev.hearth.error.HearthException;
import dev.hearth.web.PathIds;
import dev.hearth.web.Authentication;
import dev.hearth.web.JsonBody;
import dev.hearth.web.Routes;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import jakarta.validation.constraints.NotNull;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * OAuth2 for machines: a user's clients under {@code /api/v3/user/oauth-clients}, and the token
 * endpoint {@code POST /oauth/token} (client credentials grant, RFC 6749 §4.4), which speaks
 * RFC 6749's own JSON rather than problem+json.
 */
public final class OAuthRoutes implements Routes {
    /** The token endpoint; its {@code Authorization} header is the client's, not a user's. */
    public static final String TOKEN_PATH = "/oauth/token";

    private final OAuthService oauth;
    private final Authentication<Principal> auth;
    private final JsonBody body;

    public OAuthRoutes(OAuthService oauth, Authentication<Principal> auth, JsonBody body) {
        this.oauth = oauth;
        this.auth = auth;
        this.body = body;
    }

    record CreateClient(@NotNull String name, @NotNull List<String> scopes) {}

    @Override
    public void register(JavalinDefaultRoutingApi r) {
        r.post("/api/v3/user/oauth-clients", this::create);
        r.get("/api/v3/user/oauth-clients", ctx -> ctx.json(oauth.list(owner(ctx)).stream()
                .map(c -> OAuthClientJson.of(c, null)).toList()));
        r.delete("/api/v3/user/oauth-clients/{id}", this::delete);
        r.post(TOKEN_PATH, this::token);
    }

    /** Clients are managed with the user's password: a token, or a client, cannot mint clients. */
    private User owner(Context ctx) {
        Principal caller = auth.require(ctx);
        if (caller.method() != Principal.Method.PASSWORD) {
            throw HearthException.denied("Managing OAuth clients needs your password (HTTP Basic), not a token");
        }
        return caller.user();
    }

    private void create(Context ctx) {
        User owner = owner(ctx);
        CreateClient req = body.read(ctx, CreateClient.class);
        Set<Scope> scopes = Scope.parseAll(req.scopes());
        OAuthService.Created created = oauth.create(owner, req.name(), scopes);
        ctx.status(201).json(OAuthClientJson.of(created.client(), created.secret()));
    }

    private void delete(Context ctx) {
        User owner = owner(ctx);
        if (!oauth.delete(owner, PathIds.of(ctx, "id", "No such OAuth client"))) throw HearthException.notFound("No such OAuth client");
        ctx.status(204);
    }

    private void token(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
        dev.hearth.web.RequestEncoding.requireUtf8Form(ctx);
        String authorization = ctx.header("Authorization");
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        try {
            String type = ctx.contentType();
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
                throw new OAuthError(OAuthError.Code.INVALID_REQUEST,
                        "Send the request as application/x-www-form-urlencoded (RFC 6749 §4.4.2)");
            }
            String grant = single(ctx, "grant_type");
            if (grant == null) throw new OAuthError(OAuthError.Code.INVALID_REQUEST, "grant_type is missing");
            if (!grant.equals("client_credentials")) {
                throw new OAuthError(OAuthError.Code.UNSUPPORTED_GRANT_TYPE, "Only grant_type=client_credentials is supported");
            }
            String formId = single(ctx, "client_id");
            String formSecret = single(ctx, "client_secret");
            String clientId;
            String secret;
            if (authorization != null) {
                if (!basic) throw new OAuthError(OAuthError.Code.INVALID_CLIENT, "Authenticate the client with HTTP Basic");
                if (formSecret != null) {
                    throw new OAuthError(OAuthError.Code.INVALID_REQUEST, "Authenticate the client one way only, not with both Basic and form fields");
                }
                String[] pair = basicPair(authorization.substring(6).strip());
                clientId = pair[0];
                secret = pair[1];
            } else {
                clientId = formId;
                secret = formSecret;
            }
            if (clientId == null || secret == null) {
                throw new OAuthError(OAuthError.Code.INVALID_CLIENT, "Client authentication is missing: use HTTP Basic with client_id:client_secret");
            }
            OAuthService.IssuedToken issued = oauth.issue(clientId, secret, single(ctx, "scope"));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("access_token", issued.accessToken());
            answer.put("token_type", "Bearer");
            answer.put("expires_in", issued.expiresIn().toSeconds());
            answer.put("scope", OAuthService.wire(issued.scopes()));
            ctx.json(answer);
        } catch (OAuthError e) {
            ctx.status(e.code().status());
            if (e.code() == OAuthError.Code.INVALID_CLIENT) {
                ctx.header("WWW-Authenticate", "Basic realm=\"Hearth OAuth\"");
            }
            ctx.json(Map.of("error", e.code().wire(), "error_description", e.getMessage()));
        }
    }

    /** A form parameter, which RFC 6749 §3.2 allows at most once. */
    private static String single(Context ctx, String name) {
        List<String> values = ctx.formParams(name);
        if (values.size() > 1) throw new OAuthError(OAuthError.Code.INVALID_REQUEST, name + " is given more than once");
        return values.isEmpty() || values.getFirst().isEmpty() ? null : values.getFirst();
    }

    /** HTTP Basic's id and secret, each form-urlencoded first as RFC 6749 §2.3.1 asks. */
    private static String[] basicPair(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) throw new OAuthError(OAuthError.Code.INVALID_CLIENT, "Malformed Basic credentials");
            return new String[] {URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException e) {
            throw new OAuthError(OAuthError.Code.INVALID_CLIENT, "Malformed Basic credentials");
        }
    }
}
