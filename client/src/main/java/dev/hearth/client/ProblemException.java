package dev.hearth.client;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The server answered 4xx or 5xx; the problem it sent says what and why. */
public final class ProblemException extends HearthClientException {
    private final Problem problem;
    private final Duration retryAfter;

    ProblemException(Problem problem, Duration retryAfter) {
        super(problem.status() + " " + problem.title() + (problem.detail() == null ? "" : ": " + problem.detail()), null);
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    public Problem problem() {
        return problem;
    }

    public int status() {
        return problem.status();
    }

    public String type() {
        return problem.type();
    }

    public List<Problem.FieldError> fieldErrors() {
        return problem.errors();
    }

    /** How long the server asked to wait ({@code Retry-After}), for a 429 or 503 that was not retried. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
