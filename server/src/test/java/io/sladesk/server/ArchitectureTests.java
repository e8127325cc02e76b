package io.sladesk.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

class ArchitectureTests {
    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.sladesk.server", "io.sladesk.calendar");

    /** Domain code takes the injected Clock, so tests can move time instead of sleeping. */
    private static final ArchRule WALL_CLOCK = noClasses()
            .that()
            .resideOutsideOfPackage("io.sladesk.server.platform..")
            .should()
            .callMethod(java.time.Instant.class, "now")
            .orShould()
            .callMethod(java.time.LocalDateTime.class, "now")
            .orShould()
            .callMethod(java.time.LocalDate.class, "now")
            .orShould()
            .callMethod(java.time.LocalTime.class, "now")
            .orShould()
            .callMethod(java.time.ZonedDateTime.class, "now")
            .orShould()
            .callMethod(java.time.OffsetDateTime.class, "now")
            .orShould()
            .callMethod(System.class, "currentTimeMillis")
            .orShould()
            .callMethod(java.time.Clock.class, "systemUTC")
            .orShould()
            .callMethod(java.time.Clock.class, "systemDefaultZone")
            .because("time is injected as a java.time.Clock (architecture habit 5)");

    @Test
    void onlyThePlatformReadsTheWallClock() {
        WALL_CLOCK.check(SERVER);
    }

    /** The rule is no formality: a class outside the platform that reads the wall clock breaks it. */
    @Test
    void theWallClockRuleCatchesAClassReadingTheWallClock() {
        JavaClasses offender = new ClassFileImporter().importClasses(ReadsTheWallClock.class);
        assertThat(WALL_CLOCK.evaluate(offender).hasViolation()).isTrue();
    }

    static final class ReadsTheWallClock {
        java.time.Instant when() {
            return java.time.Instant.now();
        }
    }

    /** Business-time arithmetic is plain Java: no Spring, no database. */
    @Test
    void theCalendarLibraryStaysFreeOfSpring() {
        noClasses()
                .that()
                .resideInAPackage("io.sladesk.calendar..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "java.sql..", "io.sladesk.server..")
                .check(SERVER);
    }

    /** HTTP is the api module's business; modules below it speak in domain terms. */
    @Test
    void domainModulesDoNotKnowHttp() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.sladesk.server.account..",
                        "io.sladesk.server.calendars..",
                        "io.sladesk.server.escalation..",
                        "io.sladesk.server.identity..",
                        "io.sladesk.server.kb..",
                        "io.sladesk.server.kernel..",
                        "io.sladesk.server.notification..",
                        "io.sladesk.server.policy..",
                        "io.sladesk.server.sla..",
                        "io.sladesk.server.ticket..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework.http..", "org.springframework.web..", "jakarta.servlet..")
                .check(SERVER);
    }
}
