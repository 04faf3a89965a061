package dev.mq.message;

import java.util.Objects;

/**
 * The outcome of checking a value: valid, or invalid with a sentence that says why and that a
 * person can act on.
 */
public final class Validation {

    private static final Validation VALID = new Validation(null);

    private final String problem;

    private Validation(String problem) {
        this.problem = problem;
    }

    /** The value is fine. */
    public static Validation valid() {
        return VALID;
    }

    /** The value is refused, for the reason given. */
    public static Validation invalid(String problem) {
        return new Validation(Objects.requireNonNull(problem, "problem"));
    }

    /** Whether the value passed the check. */
    public boolean isValid() {
        return problem == null;
    }

    /**
     * Why the value was refused.
     *
     * @throws IllegalStateException if it was not refused
     */
    public String problem() {
        if (problem == null) {
            throw new IllegalStateException("the value is valid: there is no problem to report");
        }
        return problem;
    }

    @Override
    public String toString() {
        return problem == null ? "valid" : "invalid: " + problem;
    }
}
