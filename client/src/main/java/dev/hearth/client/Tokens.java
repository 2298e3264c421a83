package dev.hearth.client;

import java.util.List;

/**
 * Personal access tokens of a user. Managing them needs that user's password (a client built
 * with {@link Auth#basic}) or a site admin: a token cannot mint tokens.
 */
public final class Tokens {
    private final Transport t;

    Tokens(Transport t) {
        this.t = t;
    }

    /** Creates a token; the answer is the only time its secret ({@link Token#token()}) is shown. */
    public Token create(String login, NewToken token) {
        return t.json(t.call("POST", base(login), token), Token.class);
    }

    public List<Token> list(String login) {
        return t.json(Transport.Call.get(base(login)),
                t.json().getTypeFactory().constructCollectionType(List.class, Token.class));
    }

    public void revoke(String login, long id) {
        t.discard(t.call("DELETE", base(login) + "/" + id, null));
    }

    private static String base(String login) {
        return "/api/v3/users/" + Urls.segment(login) + "/tokens";
    }
}
