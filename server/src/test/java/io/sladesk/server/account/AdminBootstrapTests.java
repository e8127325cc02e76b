package io.sladesk.server.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.sladesk.server.SladeskApplication;
import io.sladesk.server.support.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.mock.env.MockEnvironment;

/** The first admin's password meets the same rules as everyone's, and a bad one is said plainly. */
@ExtendWith(OutputCaptureExtension.class)
class AdminBootstrapTests {
    private static final PasswordPolicy POLICY = new PasswordPolicy();

    private static AdminBootstrap bootstrap(Accounts accounts, String password) {
        return new AdminBootstrap(accounts, POLICY, new MockEnvironment(), "admin@example.com", password);
    }

    private static Accounts emptyDesk() {
        Accounts accounts = mock(Accounts.class);
        when(accounts.hasUsers()).thenReturn(false);
        return accounts;
    }

    @Test
    void aShortPasswordIsRefusedWithWhatIsWrongAndWhatToDo() {
        Accounts accounts = emptyDesk();
        assertThatThrownBy(() -> bootstrap(accounts, "short-pass!").afterSingletonsInstantiated())
                .isInstanceOf(FirstAdminRefused.class)
                .hasMessage("The first admin cannot be created: SLADESK_ADMIN_PASSWORD (sladesk.admin.password)"
                        + " must be at least 12 characters long (this one has 11).")
                .satisfies(e -> assertThat(((FirstAdminRefused) e).action())
                        .contains("SLADESK_ADMIN_PASSWORD", "12 to 1024 characters", "leave it unset"));
        verify(accounts, never()).createUser(any());
    }

    @Test
    void commonRepeatedAndOverlongPasswordsAreRefusedToo() {
        Accounts accounts = emptyDesk();
        assertThatThrownBy(() -> bootstrap(accounts, "Password1234").afterSingletonsInstantiated())
                .hasMessageContaining("is one of the most common passwords")
                .hasMessageNotContaining("Password1234");
        assertThatThrownBy(() -> bootstrap(accounts, "zzzzzzzzzzzzzzzz").afterSingletonsInstantiated())
                .hasMessageContaining("one character repeated");
        assertThatThrownBy(() -> bootstrap(accounts, "x".repeat(1_025)).afterSingletonsInstantiated())
                .hasMessageContaining("at most 1024 characters");
        verify(accounts, never()).createUser(any());
    }

    @Test
    void anEightyCharacterPasswordCreatesTheAdmin() {
        Accounts accounts = emptyDesk();
        bootstrap(accounts, "an admin password of eighty characters, far past bcrypt's limit of 72 bytes!!!")
                .afterSingletonsInstantiated();
        verify(accounts).createUser(any());
    }

    @Test
    void onADeskWithUsersThePasswordIsNotLookedAt() {
        Accounts accounts = mock(Accounts.class);
        when(accounts.hasUsers()).thenReturn(true);
        bootstrap(accounts, "short").afterSingletonsInstantiated();
        verify(accounts, never()).createUser(any());
    }

    @Test
    void theFailureAnalyzerReportsTheReasonAndTheAction() {
        FirstAdminRefused refused = new FirstAdminRefused("SLADESK_ADMIN_PASSWORD is bad", "do this");
        FailureAnalysis analysis =
                new FirstAdminFailureAnalyzer().analyze(new IllegalStateException("wrapped", refused));
        assertThat(analysis.getDescription()).isEqualTo(refused.getMessage());
        assertThat(analysis.getAction()).isEqualTo("do this");
    }

    /**
     * The real start on an empty database: Spring Boot's "APPLICATION FAILED TO START" report
     * with the reason, no stack trace, and no server left listening.
     */
    @Test
    void aServerWithABadAdminPasswordDoesNotStartAndSaysWhyWithoutAStackTrace(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(SladeskApplication.class)
                        .properties(Map.of("spring.main.banner-mode", "off"))
                        .run(
                                "--server.port=0",
                                "--sladesk.scheduling.enabled=false",
                                "--sladesk.sla.timer-loop.enabled=false",
                                "--spring.datasource.url=" + TestDatabase.url("bad_admin"),
                                "--spring.datasource.username=postgres",
                                "--spring.datasource.password=postgres",
                                "--spring.datasource.hikari.maximum-pool-size=2",
                                "--sladesk.admin.email=first@example.com",
                                "--sladesk.admin.password=too-short"))
                .satisfies(e ->
                        assertThat(NestedExceptionUtils.getMostSpecificCause(e)).isInstanceOf(FirstAdminRefused.class));
        String out = output.getAll();
        assertThat(out)
                .contains("APPLICATION FAILED TO START")
                .contains("SLADESK_ADMIN_PASSWORD (sladesk.admin.password) must be at least 12 characters long"
                        + " (this one has 9)")
                .contains("leave it unset to have a random one generated")
                .doesNotContain("too-short")
                .doesNotContain("at io.sladesk")
                .doesNotContain("Application run failed");
    }
}
