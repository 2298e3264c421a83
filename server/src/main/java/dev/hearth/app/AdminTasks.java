package dev.hearth.app;

import dev.hearth.accounts.AccountService;
import dev.hearth.activity.ActivityLog;
import dev.hearth.accounts.PasswordHasher;
import dev.hearth.accounts.User;
import dev.hearth.audit.AuditLog;
import dev.hearth.config.Settings;
import dev.hearth.error.HearthException;
import dev.hearth.storage.Database;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * What {@code hearth admin} does on the machine that holds the data: work on the database
 * directly, without the HTTP API, for when nobody can sign in (the site admin's forgotten
 * password). Safe while a server runs on the same data (SQLite waits for its lock; PostgreSQL
 * is shared anyway).
 */
public final class AdminTasks implements AutoCloseable {
    private final Database database;
    private final AccountService accounts;

    private AdminTasks(Database database, AccountService accounts) {
        this.database = database;
        this.accounts = accounts;
    }

    /** Opens the configured database (migrating it if this version is newer); 404 when the data directory holds no Hearth. */
    public static AdminTasks open(Settings settings) {
        if (Database.sqliteFile(settings.databaseUrl()).filter(file -> !Files.isRegularFile(file)).isPresent()) {
            throw HearthException.notFound("No Hearth database in " + settings.dataDir() + "; pass --data with the server's data directory");
        }
        Database database = Database.open(settings.databaseUrl());
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        AccountService accounts = new AccountService(database.jdbi(), new PasswordHasher(random),
                new AuditLog(database.jdbi(), clock), new ActivityLog(database, clock), clock, random);
        return new AdminTasks(database, accounts);
    }

    /**
     * Sets a user's password (the usual rules; 422 otherwise) and signs out their browser
     * sessions; 404 for an unknown login. Their tokens and SSH keys stay.
     */
    public User resetPassword(String login, String password) {
        User user = accounts.find(login).orElseThrow(() -> HearthException.notFound("No user '" + login + "'"));
        accounts.changePassword(user, password);
        return user;
    }

    /** A random password that meets the rules, for {@link #resetPassword} when none is given. */
    public String randomPassword() {
        return accounts.generatePassword();
    }

    @Override
    public void close() {
        database.close();
    }
}
