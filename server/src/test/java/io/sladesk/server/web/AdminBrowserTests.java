package io.sladesk.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/** The admin pages in headless Chromium: a calendar change previewed, saved, and seen on the tickets. */
class AdminBrowserTests extends DeskTest {
    private Browsers browsers;

    @Autowired
    io.sladesk.server.sla.RecomputeProbe recompute;

    @BeforeEach
    void browsers() {
        Browsers.assumeInstalled();
        browsers = new Browsers();
    }

    @AfterEach
    void close() {
        if (browsers != null) browsers.close();
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static WebDriverWait waiting(WebDriver d) {
        return new WebDriverWait(d, Duration.ofSeconds(15));
    }

    private void signInAdmin(WebDriver d) {
        d.get(base() + "/login");
        d.findElement(By.id("email")).sendKeys(ADMIN_EMAIL);
        d.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
        d.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        waiting(d).until(ExpectedConditions.urlContains("/console"));
    }

    private static void screenshot(ChromeDriver d, String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), d.getScreenshotAs(OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long scrollWidth(WebDriver d) {
        return ((Number) ((JavascriptExecutor) d).executeScript("return document.documentElement.scrollWidth"))
                .longValue();
    }

    @Test
    void anAdminAddsAHolidaySeesThePreviewSavesAndTheTicketsShowTheNewDueTimes() {
        recompute.runPending(); // what other tests left queued
        Instant monday = advanceTo(DayOfWeek.MONDAY, LocalTime.of(10, 0), ZoneOffset.UTC);
        String name = unique("Office hours");
        Map<String, List<List<String>>> week = new LinkedHashMap<>();
        for (String d : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"))
            week.put(d, List.of(List.of("09:00", "17:00")));
        Api.Response cal = admin.post("/api/v1/calendars", Map.of("name", name, "timeZone", "UTC", "week", week));
        assertThat(cal.status()).as(cal.toString()).isEqualTo(201);
        Map<String, Object> fr = Map.of("duration", "PT4H", "calendar", name);
        Map<String, Object> res = Map.of("duration", "PT8H", "calendar", name);
        Map<String, Object> both = Map.of("firstResponse", fr, "resolution", res);
        Api.Response policy = admin.post(
                "/api/v1/policies",
                Map.of("name", unique("p"), "targets", Map.of("P1", both, "P2", both, "P3", both, "P4", both)));
        Api.Response plan = admin.post("/api/v1/plans", Map.of("name", unique("Plan"), "policyId", policy.get("id")));
        Api.Response org = admin.post("/api/v1/organizations", Map.of("name", unique("org"), "plan", plan.get("id")));
        Api customer = customer(org.get("id"));
        String early = ticket(customer, "P3"); // Monday 10:00: resolution due Tuesday 10:00
        clock.advance(Duration.ofHours(2));
        String late = ticket(customer, "P3"); // Monday 12:00: resolution due Tuesday 12:00
        long earlyNumber =
                admin.get("/api/v1/tickets/" + early).json().get("number").asLong();
        long lateNumber =
                admin.get("/api/v1/tickets/" + late).json().get("number").asLong();
        String tuesday = monday.plus(Duration.ofDays(1))
                .atZone(ZoneOffset.UTC)
                .toLocalDate()
                .toString();

        ChromeDriver d = browsers.open("en-US", 1280, 1000);
        signInAdmin(d);
        d.findElement(By.linkText("Admin")).click();
        waiting(d).until(ExpectedConditions.urlContains("/console/admin/organizations"));
        d.findElement(By.cssSelector("nav.queues"))
                .findElement(By.linkText("Calendars"))
                .click();
        waiting(d).until(ExpectedConditions.urlContains("/console/admin/calendars"));
        d.findElement(By.linkText(name)).click();
        waiting(d).until(ExpectedConditions.presenceOfElementLocated(By.id("c-holidays")));
        WebElement holidays = d.findElement(By.id("c-holidays"));
        holidays.sendKeys(tuesday);
        d.findElement(By.cssSelector("button[name=step][value=preview]")).click();

        // the preview: both tickets' resolutions move from Tuesday to Wednesday; first responses stay
        waiting(d).until(ExpectedConditions.presenceOfElementLocated(By.id("preview")));
        WebElement preview = d.findElement(By.id("preview"));
        assertThat(preview.getText()).contains("2 open tickets would get new due times.");
        List<WebElement> lines = preview.findElements(By.cssSelector("tr.preview-line"));
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).getText()).contains("#" + earlyNumber, "resolution");
        assertThat(lines.get(1).getText()).contains("#" + lateNumber, "resolution");
        List<String> times = preview.findElements(By.cssSelector("time")).stream()
                .map(t -> t.getAttribute("datetime"))
                .toList();
        assertThat(times)
                .containsExactly(
                        monday.plus(Duration.ofDays(1)).toString(),
                        monday.plus(Duration.ofDays(2)).toString(),
                        monday.plus(Duration.ofDays(1))
                                .plus(Duration.ofHours(2))
                                .toString(),
                        monday.plus(Duration.ofDays(2))
                                .plus(Duration.ofHours(2))
                                .toString());
        // shown in the admin's zone, the zone named
        assertThat(lines.get(0).getText()).contains("(");
        assertThat(d.switchTo().activeElement().getAttribute("id")).isEqualTo("preview-h");
        ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'start'})", preview);
        screenshot(d, "admin-preview");
        // nothing is saved by looking
        assertThat(admin.get("/api/v1/calendars/" + cal.get("id")).body()).doesNotContain(tuesday);

        d.findElement(By.cssSelector("#preview button[name=step][value=save]")).click();
        waiting(d).until(ExpectedConditions.textToBePresentInElementLocated(By.id("main"), "Saved."));
        assertThat(admin.get("/api/v1/calendars/" + cal.get("id")).body()).contains(tuesday);
        recompute.runPending(); // the background recomputation, run now

        d.get(base() + "/console/tickets/" + earlyNumber);
        waiting(d).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".clocks")));
        assertThat(d.findElements(By.cssSelector(".clocks .cd")).stream()
                        .map(e -> e.getAttribute("data-due"))
                        .toList())
                .contains(monday.plus(Duration.ofDays(2)).toString())
                .doesNotContain(monday.plus(Duration.ofDays(1)).toString());
        d.get(base() + "/console/tickets/" + lateNumber);
        waiting(d).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".clocks")));
        assertThat(d.findElements(By.cssSelector(".clocks .cd")).stream()
                        .map(e -> e.getAttribute("data-due"))
                        .toList())
                .contains(monday.plus(Duration.ofDays(2))
                        .plus(Duration.ofHours(2))
                        .toString());
    }

    @Test
    void theCalendarPageFitsAPhoneAndSpeaksChinese() {
        String name = unique("hours");
        Map<String, List<List<String>>> week = Map.of("MONDAY", List.of(List.of("09:00", "17:00")));
        Api.Response cal = admin.post("/api/v1/calendars", Map.of("name", name, "timeZone", "UTC", "week", week));
        ChromeDriver d = browsers.open("zh-TW", 375, 800);
        d.manage().window().setSize(new org.openqa.selenium.Dimension(375, 800));
        signInAdmin(d);
        assertThat(((Number) ((JavascriptExecutor) d).executeScript("return window.innerWidth")).longValue())
                .isLessThanOrEqualTo(375);
        d.get(base() + "/console/admin/calendars/" + cal.get("id"));
        waiting(d).until(ExpectedConditions.presenceOfElementLocated(By.id("c-holidays")));
        assertThat(d.findElement(By.id("main")).getText()).contains("每週工作時間", "假日", "預覽");
        // a bad zone: the form comes back (400) in place, with its message, which takes focus
        WebElement zone = d.findElement(By.id("c-zone"));
        zone.clear();
        zone.sendKeys("Mars/Olympus");
        d.findElement(By.cssSelector("button[name=step][value=preview]")).click();
        waiting(d).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#main .error[role=alert]")));
        assertThat(d.findElement(By.cssSelector("#main .error")).getText()).contains("時區", "Mars/Olympus");
        assertThat(d.switchTo().activeElement().getAttribute("role")).isEqualTo("alert");
        assertThat(d.findElement(By.id("c-zone")).getAttribute("value")).isEqualTo("Mars/Olympus");
        zone = d.findElement(By.id("c-zone"));
        zone.clear();
        zone.sendKeys("UTC");
        d.findElement(By.cssSelector("button[name=step][value=preview]")).click();
        waiting(d).until(ExpectedConditions.presenceOfElementLocated(By.id("preview")));
        assertThat(d.findElement(By.id("preview")).getText()).contains("沒有未結工單的到期時間會改變。");
        Object wide = ((JavascriptExecutor) d)
                .executeScript("return Array.from(document.querySelectorAll('*'))"
                        + ".filter(function (e) { return e.getBoundingClientRect().right > 376; })"
                        + ".map(function (e) { return e.tagName + '#' + e.id + '.' + e.className + ' '"
                        + " + Math.round(e.getBoundingClientRect().right); }).slice(0, 15).join(' | ')");
        assertThat(scrollWidth(d)).as(String.valueOf(wide)).isLessThanOrEqualTo(375);
        for (String section : List.of(
                "organizations", "users", "groups", "policies", "calendars", "webhooks", "saved-replies", "audit")) {
            d.get(base() + "/console/admin/" + section);
            waiting(d).until(ExpectedConditions.presenceOfElementLocated(By.id("main")));
            assertThat(scrollWidth(d)).as(section).isLessThanOrEqualTo(375);
        }
    }
}
