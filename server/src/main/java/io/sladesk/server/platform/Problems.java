package io.sladesk.server.platform;

import java.util.List;

/**
 * Failures a request can end in, each mapped to one HTTP status by the API's problem handler.
 * Modules throw these instead of knowing about HTTP.
 */
public final class Problems {
    private Problems() {}

    /** One bad field of a request, named by its JSON path. */
    public record FieldProblem(String field, String message) {}

    /** Invalid content: 400 with the list of bad fields. */
    public static final class InvalidInput extends RuntimeException {
        private final transient List<FieldProblem> errors;

        public InvalidInput(List<FieldProblem> errors) {
            super(summary(errors));
            this.errors = List.copyOf(errors);
        }

        public InvalidInput(String field, String message) {
            this(List.of(new FieldProblem(field, message)));
        }

        public List<FieldProblem> errors() {
            return errors;
        }

        private static String summary(List<FieldProblem> errors) {
            StringBuilder sb = new StringBuilder();
            for (FieldProblem p : errors) {
                if (!sb.isEmpty()) sb.append("; ");
                sb.append(p.field()).append(": ").append(p.message());
            }
            return sb.toString();
        }
    }

    /** An unknown resource, or one the caller may not see: 404. */
    public static final class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** Credentials that do not sign anyone in: 401. */
    public static final class Unauthorized extends RuntimeException {
        public Unauthorized(String message) {
            super(message);
        }
    }

    /** A forbidden action on a visible resource: 403. */
    public static final class Forbidden extends RuntimeException {
        public Forbidden(String message) {
            super(message);
        }
    }

    /** A change the current state does not allow: 409. */
    public static final class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }

    /** Too many attempts: 429, with the seconds to wait. */
    public static final class TooManyRequests extends RuntimeException {
        private final long retryAfterSeconds;

        public TooManyRequests(String message, long retryAfterSeconds) {
            super(message);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    public static NotFound notFound(String what, Object id) {
        return new NotFound(what + " " + id + " does not exist");
    }
}
