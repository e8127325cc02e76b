package io.sladesk.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The error pages as a real browser gets them (its own Accept header, on a phone): a
 * customer at the console and an unknown path read a page in their language, not JSON.
 */
class PageLeftoverBrowserTests extends DeskTest {
    private Browsers browsers;

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
    void aCustomerAtTheConsoleOnAPhoneReadsA403PageInChinese() throws Exception {
        Api customer = customer(organization());
        ChromeDriver d = browsers.open("zh-TW", 375, 800);
        // headless Chromium starts wider than asked; the window is set once it is up
        d.manage().window().setSize(new org.openqa.selenium.Dimension(375, 800));
        d.get("http://localhost:" + port + "/login");
        d.findElement(By.id("email")).sendKeys(customer.get("/api/v1/me").get("email"));
        d.findElement(By.id("password")).sendKeys("correct-horse-1");
        d.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        new WebDriverWait(d, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("/portal"));

        d.get("http://localhost:" + port + "/console?queue=all");
        assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("無法執行（403）");
        assertThat(d.findElement(By.id("main")).getText()).contains("客戶使用客戶入口");
        assertFitsAPhone(d);
        screenshot(d, "error-403-zh-phone");
        // its link home leads back to the customer's own pages
        d.findElement(By.linkText("回到首頁")).click();
        new WebDriverWait(d, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("/portal"));

        d.get("http://localhost:" + port + "/portal/nothing-here");
        assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("找不到（404）");
        assertFitsAPhone(d);
    }

    private static void assertFitsAPhone(WebDriver d) {
        try {
            new WebDriverWait(d, Duration.ofSeconds(3)).until(x -> scrollWidth(x) <= 375);
        } catch (org.openqa.selenium.TimeoutException e) {
            assertThat(scrollWidth(d)).as(d.getCurrentUrl()).isLessThanOrEqualTo(375);
        }
    }

    private static long scrollWidth(WebDriver d) {
        return ((Number) ((JavascriptExecutor) d).executeScript("return document.documentElement.scrollWidth"))
                .longValue();
    }

    private static void screenshot(ChromeDriver d, String name) throws java.io.IOException {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), d.getScreenshotAs(OutputType.BYTES));
    }
}
