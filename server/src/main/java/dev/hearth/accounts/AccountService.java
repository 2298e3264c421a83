package dev.hearth.accounts;

import dev.hearth.activity.Activity;
import dev.hearth.activity.ActivityLog;
import dev.hearth.audit.AuditLog;
import dev.hearth.error.HearthException;
import dev.hearth.storage.Database;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Users: creation with its rules, lookup, the password check and change, and the end of browser
 * sessions. A change that ends credentials appends its {@link Activity.CredentialChanged} event in
 * the same transaction, so whatever rode in on them is checked again.
 */
public final class AccountService {
    public static final String ADMIN_LOGIN = "admin";

    private final Jdbi jdbi;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final ActivityLog activity;
    private final Clock clock;
    private final SecureRandom random;
    private final UserDao users = new UserDao();

    public AccountService(Jdbi jdbi, PasswordHasher hasher, AuditLog audit, ActivityLog activity, Clock clock,
                          SecureRandom random) {
        this.jdbi = jdbi;
        this.hasher = hasher;
        this.audit = audit;
        this.activity = activity;
        this.clock = clock;
        this.random = random;
    }

    /** Creates a user; 422 for a bad or reserved login, e-mail or password, 409 when either is taken. */
    public User create(String login, String email, String password, boolean siteAdmin) {
        return create(Login.available(login), email, password, siteAdmin);
    }

    private User create(Login validLogin, String email, String password, boolean siteAdmin) {
        String login = validLogin.value();
        Email validEmail = new Email(email);
        PasswordPolicy.check(password, login);
        String hash = hasher.hash(password);
        Instant now = clock.instant();
        try {
            return jdbi.inTransaction(h -> {
                if (users.byLogin(h, validLogin.value()).isPresent()) {
                    throw HearthException.conflict("The login '" + login + "' is already taken");
                }
                if (users.emailTaken(h, validEmail)) {
                    throw HearthException.conflict("The e-mail address is already in use");
                }
                long id = users.insert(h, validLogin, validEmail, hash, siteAdmin, now);
                return users.byId(h, id).orElseThrow();
            });
        } catch (RuntimeException e) {
            if (Database.isUniqueViolation(e)) {
                throw HearthException.conflict("The login or e-mail address is already taken");
            }
            throw e;
        }
    }

    public Optional<User> find(String login) {
        return jdbi.withHandle(h -> users.byLogin(h, login));
    }

    public Optional<User> find(long id) {
        return jdbi.withHandle(h -> users.byId(h, id));
    }

    /** The user whose password this is; takes as long for an unknown login as for a known one. */
    public Optional<User> checkPassword(String login, String password) {
        Optional<UserDao.WithHash> found = jdbi.withHandle(h -> users.withHash(h, login));
        if (found.isEmpty()) {
            hasher.verifyDummy(password);
            return Optional.empty();
        }
        return hasher.verify(password, found.get().passwordHash()) ? Optional.of(found.get().user()) : Optional.empty();
    }

    /**
     * Sets a new password (the same rules as at creation; 422 otherwise) and ends every browser
     * session that started before now: the caller starts a new one for the session that asked.
     * Tokens, SSH keys and OAuth clients stay: they are credentials of their own. The caller
     * checks the current password first (with the sign-in throttling).
     */
    public void changePassword(User user, String newPassword) {
        PasswordPolicy.check(newPassword, user.login());
        String hash = hasher.hash(newPassword);
        jdbi.useTransaction(h -> {
            users.setPassword(h, user.id(), hash, clock.instant());
            audit.record(h, "user.password_changed", user.login(), Map.of());
            activity.append(h, new Activity.PasswordChanged(subject(user), actor(user)));
        });
    }

    /** Ends every browser session of the user that started before now. */
    public void endSessions(User user) {
        jdbi.useTransaction(h -> {
            users.endSessions(h, user.id(), clock.instant());
            audit.record(h, "user.sessions_ended", user.login(), Map.of());
            activity.append(h, new Activity.SessionsEnded(subject(user), actor(user)));
        });
    }

    /** Signs out one browser session (by its id), which would otherwise count until {@code end}. */
    public void endSession(User user, String sessionId, Instant end) {
        jdbi.useTransaction(h -> {
            users.endSession(h, user.id(), TokenService.sha256(sessionId), clock.instant(), end);
            activity.append(h, new Activity.SignedOut(subject(user), actor(user)));
        });
    }

    /**
     * The user of browser session {@code sessionId} that started at {@code started}: empty when the
     * account is gone, the session was signed out, or the user's sessions were ended since then.
     */
    public Optional<User> sessionUser(long id, String sessionId, Instant started) {
        return jdbi.withHandle(h -> users.withSessionFrom(h, id, TokenService.sha256(sessionId), started));
    }

    /** The caller a password just proved: counts, for whatever outlives this request, until the password changes. */
    public Principal passwordProven(User user) {
        return Principal.byPassword(user, clock.instant());
    }

    /** Whether a password proven at {@code provenAt} is still the user's. */
    boolean passwordUnchangedSince(long userId, Instant provenAt) {
        return jdbi.withHandle(h -> users.passwordUnchangedSince(h, userId, provenAt));
    }

    static Activity.Subject.User subject(User user) {
        return new Activity.Subject.User(user.id(), user.login());
    }

    static Activity.Actor actor(User user) {
        return new Activity.Actor(user.id(), user.login());
    }

    /**
     * The user of a browser session that started at {@code started}: empty when the account is
     * gone, or its sessions were ended (password changed, signed out everywhere) since then.
     */
    public Optional<User> sessionUser(long id, Instant started) {
        return jdbi.withHandle(h -> users.withSessionFrom(h, id, started));
    }

    /**
     * On the first start (no users yet) creates the site admin {@code admin}. Returns the password
     * when it was generated, so the caller can show it once.
     */
    public Optional<String> bootstrapAdmin(Optional<String> configuredPassword) {
        if (jdbi.withHandle(users::count) > 0) return Optional.empty();
        String password = configuredPassword.orElseGet(this::generatePassword);
        // The one account with a reserved name: the first site admin, as every install has had it.
        create(new Login(ADMIN_LOGIN), "admin@localhost", password, true);
        return configuredPassword.isPresent() ? Optional.empty() : Optional.of(password);
    }

    /** A random password (24 characters of base64url) that meets the rules. */
    public String generatePassword() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
