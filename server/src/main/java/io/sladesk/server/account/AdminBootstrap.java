package io.sladesk.server.account;

import io.sladesk.server.platform.Problems.InvalidInput;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * On an empty database, creates the first admin: from {@code SLADESK_ADMIN_EMAIL} and
 * {@code SLADESK_ADMIN_PASSWORD}, or with a random password printed once. Runs before the
 * server accepts requests, so nobody can race it to the first account. The operator's
 * password meets the same {@link PasswordPolicy} as everyone's: one that does not stops
 * the start with {@link FirstAdminRefused}, reported in plain words (no stack trace) by
 * {@link FirstAdminFailureAnalyzer}, before the server listens.
 */
@Component
class AdminBootstrap implements SmartInitializingSingleton {
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final Accounts accounts;
    private final PasswordPolicy policy;
    private final Environment env;
    private final String email;
    private final String password;
    private String signInHint = "sign in with your admin account";

    AdminBootstrap(
            Accounts accounts,
            PasswordPolicy policy,
            Environment env,
            @Value("${sladesk.admin.email:}") String email,
            @Value("${sladesk.admin.password:}") String password) {
        this.accounts = accounts;
        this.policy = policy;
        this.env = env;
        this.email = email;
        this.password = password;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (accounts.hasUsers()) {
            return;
        }
        String adminEmail = email.isBlank() ? "admin@sladesk.local" : email;
        boolean generated = password.isBlank();
        if (!generated) check(policy, password);
        String adminPassword = generated ? randomPassword() : password;
        try {
            accounts.createUser(
                    new NewUser(adminEmail, "Administrator", "admin", null, adminPassword, List.of(), "en"));
        } catch (InvalidInput e) {
            boolean aboutPassword = e.errors().stream().anyMatch(p -> p.field().equals("password"));
            throw new FirstAdminRefused(
                    e.errors().stream()
                            .map(p -> variable(p.field()) + " " + p.message())
                            .collect(Collectors.joining("; ")),
                    aboutPassword ? FirstAdminRefused.PASSWORD_ACTION : FirstAdminRefused.OTHER_ACTION);
        }
        if (generated) {
            // Printed once, on the run that created the account; it is stored only as a hash.
            System.out.println("\n=== Sladesk created the first admin ===\n  email:    " + adminEmail
                    + "\n  password: " + adminPassword
                    + "\n  (shown only now; set SLADESK_ADMIN_EMAIL/SLADESK_ADMIN_PASSWORD to choose them)\n");
        }
        signInHint = "sign in as " + adminEmail;
        log.info("Created the first admin {}", adminEmail);
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        System.out.println("\nSladesk is ready at http://localhost:" + port + "/\n"
                + "  API:      POST http://localhost:" + port + "/api/v1/auth/token {\"email\",\"password\"} ("
                + signInHint + ")\n"
                + "  API docs: http://localhost:" + port + "/swagger-ui.html\n");
    }

    /** Refuses the operator's password for the first admin when the policy does. */
    static void check(PasswordPolicy policy, String password) {
        String problem = policy.problem(password);
        if (problem != null) {
            throw new FirstAdminRefused(variable("password") + " " + problem, FirstAdminRefused.PASSWORD_ACTION);
        }
    }

    private static String variable(String field) {
        return switch (field) {
            case "password" -> "SLADESK_ADMIN_PASSWORD (sladesk.admin.password)";
            case "email" -> "SLADESK_ADMIN_EMAIL (sladesk.admin.email)";
            default -> "the first admin's " + field;
        };
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
