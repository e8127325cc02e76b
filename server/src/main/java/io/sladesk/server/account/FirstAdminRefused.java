package io.sladesk.server.account;

/**
 * The operator's settings for the first admin break the rules (a password too short,
 * common …): the server does not start, and says why and what to do.
 */
class FirstAdminRefused extends RuntimeException {
    static final String PASSWORD_ACTION = "Set SLADESK_ADMIN_PASSWORD to a password of " + PasswordPolicy.MIN_LENGTH
            + " to " + PasswordPolicy.MAX_LENGTH
            + " characters that is neither a common password nor one character repeated (a few random words"
            + " will do), or leave it unset to have a random one generated and printed once; then start again.";
    static final String OTHER_ACTION = "Correct SLADESK_ADMIN_EMAIL (an email address such as admin@example.com),"
            + " or leave it unset for admin@sladesk.local; then start again.";

    private final String action;

    FirstAdminRefused(String reason, String action) {
        super("The first admin cannot be created: " + reason + ".");
        this.action = action;
    }

    String action() {
        return action;
    }
}
