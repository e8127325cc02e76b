package io.sladesk.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** SLADESK_DEMO=true: the demo host page shows the widget in a fake product, its demo customer signed in. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "sladesk.demo=true",
            "sladesk.scheduling.enabled=false",
            "sladesk.sla.timer-loop.enabled=false",
            // this desk keeps its widget secrets sealed (AES-GCM): the demo's sign-in opens them
            "sladesk.widget.secret-key=" + WidgetDemoTests.KEY
        })
class WidgetDemoTests {
    static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient db;

    private Browsers browsers;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestDatabase.url("widgetdemo"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    @BeforeEach
    void browsers() {
        Browsers.assumeInstalled();
        browsers = new Browsers();
    }

    @AfterEach
    void close() {
        if (browsers != null) browsers.close();
    }

    @Test
    void theDemoHostPageShowsTheWidgetWithItsDemoCustomerSignedIn() {
        assertThat(db.sql("select secret from widget_secrets")
                        .query(String.class)
                        .list())
                .singleElement()
                .asString()
                .startsWith("aes256gcm:");
        ChromeDriver d = browsers.open("en-US", 1280, 900);
        d.get("http://localhost:" + port + "/widget/demo");
        assertThat(d.findElement(By.cssSelector("pre code")).getText())
                .contains("/widget.js\" data-sladesk-org=\"acme-retail\" async></script>", "Sladesk.identify(");
        WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sladesk-launcher")))
                .click();
        WebElement frame = d.findElement(By.id("sladesk-frame"));
        d.switchTo().frame(frame);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Signed in as Ana Silva"));
        // Ana's open tickets of the demo, with their promises
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("tickets"), "Reports take minutes to load"));
        assertThat(d.findElement(By.id("tickets")).getText()).contains("Training for new store managers");
        d.findElement(By.id("tab-new")).click();
        d.findElement(By.id("subject")).sendKeys("Stock counts do not match the tills");
        d.findElement(By.id("description"))
                .sendKeys("Two stores show a different count than their tills since this morning");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("advice"), "If you send it as"));
        d.switchTo().defaultContent();
        WidgetBrowserTests.screenshot(d, "widget-demo");
        // a reload is a new sign-in: the page makes a new token (a token is used once)
        d.navigate().refresh();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sladesk-launcher")))
                .click();
        d.switchTo().frame(d.findElement(By.id("sladesk-frame")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Signed in as Ana Silva"));
    }
}
