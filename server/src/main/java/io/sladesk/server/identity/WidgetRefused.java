package io.sladesk.server.identity;

/**
 * A widget identity token that signs nobody in, and why: {@code reason} is a stable code a
 * host (or the widget) can act on, {@code claim} the claim at fault when there is one.
 * {@link #status} is 401 for a token that proves nothing and 409 for a valid token naming
 * an email the organization may not speak for.
 */
public final class WidgetRefused extends RuntimeException {
    /** The reasons, as the problem's {@code reason} says them. */
    public enum Reason {
        MALFORMED("malformed", 401),
        WRONG_ALGORITHM("wrong_algorithm", 401),
        MISSING_CLAIM("missing_claim", 401),
        INVALID_CLAIM("invalid_claim", 401),
        UNKNOWN_ORGANIZATION("unknown_organization", 401),
        FORGED_SIGNATURE("forged_signature", 401),
        EXPIRED("expired", 401),
        NOT_YET_VALID("not_yet_valid", 401),
        EXPIRY_TOO_FAR("expiry_too_far", 401),
        REPLAYED("replayed", 401),
        DEACTIVATED("deactivated", 401),
        STAFF_EMAIL("staff_email", 409),
        OTHER_ORGANIZATION("other_organization", 409);

        private final String wire;
        private final int status;

        Reason(String wire, int status) {
            this.wire = wire;
            this.status = status;
        }

        public String wire() {
            return wire;
        }
    }

    private final Reason reason;
    private final String claim;

    WidgetRefused(Reason reason, String claim, String message) {
        super(message);
        this.reason = reason;
        this.claim = claim;
    }

    public Reason reason() {
        return reason;
    }

    /** The claim at fault, or null. */
    public String claim() {
        return claim;
    }

    public int status() {
        return reason.status;
    }
}
