package dev.hearth.cli;

import dev.hearth.client.ConnectionFailedException;
import dev.hearth.client.EventStreamException;
import dev.hearth.client.Problem;
import dev.hearth.client.ProblemException;
import dev.hearth.client.TokenRequestException;
import picocli.CommandLine;

/**
 * The exit codes scripts can trust, and one line on standard error saying why:
 * 0 done, 1 the server refused (4xx/5xx), 2 usage, 3 not logged in or bad credentials,
 * 4 the server could not be reached.
 */
final class CliErrors implements CommandLine.IExecutionExceptionHandler {
    static final int API = 1;
    static final int USAGE = 2;
    static final int AUTH = 3;
    static final int NETWORK = 4;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
        int code;
        String message;
        switch (ex) {
            case ProblemException p -> {
                code = p.status() == 401 ? AUTH : API;
                message = describe(p.problem());
            }
            case TokenRequestException t -> {
                code = AUTH;
                message = t.getMessage();
            }
            case ConnectionFailedException c -> {
                code = NETWORK;
                message = c.getMessage();
            }
            case EventStreamException e -> {
                code = e.closeCode() == 1008 ? AUTH : API;
                message = e.getMessage();
            }
            case NotLoggedInException n -> {
                code = AUTH;
                message = n.getMessage();
            }
            case IllegalArgumentException i -> {
                // the SDK's refusal of a malformed argument (a URL, a blank token): the caller's to fix
                code = USAGE;
                message = i.getMessage();
            }
            default -> throw ex;
        }
        cmd.getErr().println("hearth: " + message);
        cmd.getErr().flush();
        return code;
    }

    /** "404 Not found: No repository alice/x", with the fields of a 422. */
    private static String describe(Problem p) {
        StringBuilder s = new StringBuilder().append(p.status()).append(' ').append(p.title());
        if (p.detail() != null && !p.detail().isBlank()) s.append(": ").append(p.detail());
        if (p.errors().size() > 1) {
            s.append(" (");
            p.errors().forEach(e -> s.append(e.field()).append(": ").append(e.message()).append("; "));
            s.setLength(s.length() - 2);
            s.append(')');
        }
        return s.toString().replace('\n', ' ');
    }
}
