package io.sladesk.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.TestDatabase;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** SLADESK_DEMO=true on an empty database: a working desk at once, its passwords printed. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sladesk.demo=true", "sladesk.scheduling.enabled=false", "sladesk.sla.timer-loop.enabled=false"})
@ExtendWith(OutputCaptureExtension.class)
class DemoDeskTests {
    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestDatabase.url("demo"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    private List<String> values(String sql) {
        return db.sql(sql).query(String.class).list();
    }

    @Test
    void theDemoHasTicketsInEveryStateAndSeverityAndItsPeopleCanSignIn(CapturedOutput output) {
        assertThat(values("select name from organizations order by name"))
                .containsExactly("Acme Retail", "Globex Logistics", "Initech");
        assertThat(values("select distinct p.name from organizations o join plans p on p.id = o.plan_id"))
                .as("Acme's plan includes the TAM add-on")
                .containsExactlyInAnyOrder("Pro", "Pro + TAM");
        assertThat(values("select count(*) from organizations where tam_user_id is not null"))
                .containsExactly("1");
        assertThat(values("select distinct status from tickets"))
                .containsExactlyInAnyOrder("new", "open", "pending", "on_hold", "solved", "closed");
        assertThat(values("select distinct severity from tickets")).containsExactlyInAnyOrder("P1", "P2", "P3", "P4");
        assertThat(values("select count(*) from sla_tickets where breached").get(0))
                .isNotEqualTo("0");
        assertThat(values("select distinct status from reevaluations")).containsExactlyInAnyOrder("open", "declined");
        assertThat(values("select count(*) from saved_replies").get(0)).isEqualTo("4");

        // the passwords printed at start sign in
        Matcher m = Pattern.compile("(lin\\.wang@acme\\.demo)\\s+(demo-\\S+)").matcher(output.getOut());
        assertThat(m.find()).as(output.getOut()).isTrue();
        PageClient customer = new PageClient(port);
        assertThat(customer.signIn(m.group(1), m.group(2))
                        .headers()
                        .firstValue("Location")
                        .orElseThrow())
                .endsWith("/portal");
        // Lin's language is Traditional Chinese: the portal speaks it whatever the browser says
        assertThat(customer.get("/portal").body()).contains("Acme Retail", "結帳頁面全部門市無法使用", "未達成");
    }
}
