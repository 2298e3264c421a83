package dev.hearth.accounts;

import dev.hearth.error.HearthException;
import dev.hearth.storage.Database;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Users: creation with its rules, lookup, and the password check. */
public final class AccountService {
    public static final String ADMIN_LOGIN = "admin";

    private final Jdbi jdbi;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final SecureRandom random;
    private final UserDao users = new UserDao();

    public AccountService(Jdbi jdbi, PasswordHasher hasher, Clock clock, SecureRandom random) {
        this.jdbi = jdbi;
        this.hasher = hasher;
        this.clock = clock;
        this.random = random;
    }

    /** Creates a user; 422 for a bad login, e-mail or password, 409 when either is taken. */
    public User create(String login, String email, String password, boolean siteAdmin) {
        Login validLogin = new Login(login);
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
     * On the first start (no users yet) creates the site admin {@code admin}. Returns the password
     * when it was generated, so the caller can show it once.
     */
    public Optional<String> bootstrapAdmin(Optional<String> configuredPassword) {
        if (jdbi.withHandle(users::count) > 0) return Optional.empty();
        String password = configuredPassword.orElseGet(this::generatePassword);
        create(ADMIN_LOGIN, "admin@localhost", password, true);
        return configuredPassword.isPresent() ? Optional.empty() : Optional.of(password);
    }

    private String generatePassword() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
