package dev.hearth.client;

/** Users: the caller, profiles, and (for a site admin) new accounts. */
public final class Users {
    private final Transport t;

    Users(Transport t) {
        this.t = t;
    }

    /** The authenticated caller, with their e-mail. */
    public User me() {
        return t.json(Transport.Call.get("/api/v3/user"), User.class);
    }

    public User get(String login) {
        return t.json(Transport.Call.get("/api/v3/users/" + Urls.segment(login)), User.class);
    }

    /** Creates a user; needs a site admin. */
    public User create(NewUser user) {
        return t.json(t.call("POST", "/api/v3/admin/users", user), User.class);
    }
}
