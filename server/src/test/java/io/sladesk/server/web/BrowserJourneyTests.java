package io.sladesk.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The main journeys in a real browser (headless Chromium), JavaScript, htmx and live updates on. */
class BrowserJourneyTests extends DeskTest {
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

    private String base() {
        return "http://localhost:" + port;
    }

    private String email(Api api) {
        return api.get("/api/v1/me").get("email");
    }

    private void signIn(WebDriver d, String email) {
        d.get(base() + "/login");
        d.findElement(By.id("email")).sendKeys(email);
        d.findElement(By.id("password")).sendKeys("correct-horse-1");
        d.findElement(By.cssSelector("form.stack button[type=submit]")).click();
    }

    private static WebDriverWait waiting(WebDriver d) {
        return new WebDriverWait(d, Duration.ofSeconds(15));
    }

    /** A screenshot tall enough for the whole page (the timeline of a ticket is below the fold). */
    private static void fullScreenshot(ChromeDriver d, String name) {
        org.openqa.selenium.Dimension before = d.manage().window().getSize();
        long height = ((Number) ((JavascriptExecutor) d).executeScript("return document.documentElement.scrollHeight"))
                .longValue();
        d.manage().window().setSize(new org.openqa.selenium.Dimension(before.getWidth(), (int)
                Math.min(height + 150, 4000)));
        screenshot(d, name);
        d.manage().window().setSize(before);
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
    void customerRaisesAgentsWorkItAndSeeEachOthersRepliesLive() {
        String org = organization();
        admin.send(
                "PATCH",
                "/api/v1/organizations/" + org,
                "application/json",
                "{\"timeZone\": \"Asia/Taipei\"}",
                java.util.Map.of());
        Api customerApi = customer(org);
        Api firstAgent = agent();
        Api secondAgent = agent();

        // the customer raises a ticket and sees the promised times
        ChromeDriver customer = browsers.open("en-US", 1280, 900);
        signIn(customer, email(customerApi));
        waiting(customer).until(ExpectedConditions.urlContains("/portal"));
        customer.get(base() + "/portal/tickets/new");
        String subject = unique("Payments fail");
        customer.findElement(By.id("subject")).sendKeys(subject);
        customer.findElement(By.id("description")).sendKeys("Every card payment is declined since 09:00");
        // the suggestion arrives as they type (htmx)
        waiting(customer).until(ExpectedConditions.textToBePresentInElementLocated(By.id("advice"), "Suggested"));
        customer.findElement(By.cssSelector("label[for=sev-P2]")).click();
        waiting(customer)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("advice"), "If you send it as P2"));
        screenshot(customer, "portal-new-ticket");
        customer.findElement(By.cssSelector("#new-ticket button.primary")).click();
        waiting(customer).until(ExpectedConditions.urlMatches(".*/portal/tickets/\\d+$"));
        String url = customer.getCurrentUrl();
        long number = Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
        String promises = customer.findElement(By.cssSelector(".clocks")).getText();
        assertThat(promises).contains("First response by", "(Asia/Taipei)", "Resolution by");
        // the countdown runs
        waiting(customer)
                .until(d -> !d.findElement(By.cssSelector(".cd")).getText().isEmpty());

        // and asks for a re-evaluation
        new Select(customer.findElement(By.id("requestedSeverity"))).selectByValue("P1");
        customer.findElement(By.id("reeval-reason")).sendKeys("All our shops are down");
        customer.findElement(By.cssSelector("#reeval-form button")).click();
        waiting(customer)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector(".requests"), "waiting for an agent"));
        fullScreenshot(customer, "portal-ticket");
        customer.get(base() + "/portal");
        screenshot(customer, "portal");

        // an agent finds it among the re-evaluation requests
        ChromeDriver agent = browsers.open("en-US", 1280, 900);
        signIn(agent, email(firstAgent));
        waiting(agent).until(ExpectedConditions.urlContains("/console"));
        agent.get(base() + "/console?queue=reevaluations");
        WebElement link = waiting(agent).until(ExpectedConditions.elementToBeClickable(By.partialLinkText(subject)));
        agent.get(base() + "/console?queue=unassigned");
        screenshot(agent, "console-queue");
        agent.get(base() + "/console?queue=reevaluations");
        agent.findElement(By.partialLinkText(subject)).click();
        waiting(agent).until(ExpectedConditions.urlContains("/console/tickets/" + number));

        // a second agent has the same ticket open
        ChromeDriver other = browsers.open("en-US", 1280, 900);
        signIn(other, email(secondAgent));
        waiting(other).until(ExpectedConditions.urlContains("/console"));
        other.get(base() + "/console/tickets/" + number);
        // the page's event stream is open before anything happens
        waiting(other)
                .until(d -> ((JavascriptExecutor) d)
                        .executeScript("return document.readyState")
                        .equals("complete"));
        sleepForStream();

        // the first agent types: the second sees someone is replying; then replies, and it appears
        agent.findElement(By.id("reply-body")).sendKeys("We are on it: the payment provider is failing");
        waiting(other).until(ExpectedConditions.textToBePresentInElementLocated(By.id("typing"), "is replying"));
        agent.findElement(By.cssSelector("#reply-form button.primary")).click();
        waiting(agent)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("conversation"), "the payment provider is failing"));
        waiting(other)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("conversation"), "the payment provider is failing"));

        // an internal note reads as one
        agent.findElement(By.id("vis-internal")).click();
        agent.findElement(By.id("reply-body")).sendKeys("Provider ticket 4711");
        agent.findElement(By.cssSelector("#reply-form button.primary")).click();
        waiting(agent)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".msg.internal"), "4711"));

        // the agent decides the request after seeing its preview, then solves
        assertThat(agent.findElement(By.cssSelector(".decide")).getText()).contains("If accepted (P1)");
        fullScreenshot(agent, "console-ticket");
        agent.findElement(By.id("decision-reason")).sendKeys("Confirmed: every shop is affected");
        agent.findElement(By.cssSelector("#decide-form button[value=true]")).click();
        waiting(agent)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".requests"), "accepted"));
        assertThat(agent.findElement(By.cssSelector(".meta")).getText()).contains("P1 Urgent");
        agent.findElement(By.cssSelector("#solve-form button")).click();
        waiting(agent).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".meta"), "Solved"));
        // the second agent's page shows the new severity and status without reloading
        waiting(other).until(ExpectedConditions.textToBePresentInElementLocated(By.id("facts"), "Solved"));
        assertThat(other.findElement(By.id("facts")).getText()).contains("P1 Urgent");

        // the customer sees the reply, the decision and its reason, never the note
        customer.get(base() + "/portal/tickets/" + number);
        String page = customer.findElement(By.tagName("main")).getText();
        assertThat(page).contains("the payment provider is failing", "Confirmed: every shop is affected", "Solved");
        assertThat(page).doesNotContain("4711");
    }

    /** The event stream connects when the page's scripts run; give it a moment to be listening. */
    private static void sleepForStream() {
        try {
            Thread.sleep(1_500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aScriptInASubjectShowsAsText() {
        Api customerApi = customer(organization());
        ChromeDriver d = browsers.open("en-US", 1280, 900);
        signIn(d, email(customerApi));
        waiting(d).until(ExpectedConditions.urlContains("/portal"));
        d.get(base() + "/portal/tickets/new");
        d.findElement(By.id("subject")).sendKeys("<script>alert(1)</script>");
        d.findElement(By.id("description")).sendKeys("<img src=x onerror=alert(2)>");
        d.findElement(By.cssSelector("#new-ticket button.primary")).click();
        waiting(d).until(ExpectedConditions.urlMatches(".*/portal/tickets/\\d+$"));
        assertThat(d.findElement(By.tagName("h1")).getText()).contains("<script>alert(1)</script>");
        assertThat(d.findElement(By.id("conversation")).getText()).contains("<img src=x onerror=alert(2)>");
        assertNoAlert(d);
        d.get(base() + "/portal");
        assertThat(d.findElement(By.tagName("main")).getText()).contains("<script>alert(1)</script>");
        assertNoAlert(d);
    }

    private static void assertNoAlert(WebDriver d) {
        try {
            d.switchTo().alert();
            throw new AssertionError("a script of the user's text ran");
        } catch (NoAlertPresentException expected) {
            // the text stayed text
        }
    }

    @Test
    void aFormSentWithoutItsCsrfTokenIsRefused() {
        Api customerApi = customer(organization());
        ChromeDriver d = browsers.open("en-US", 1280, 900);
        signIn(d, email(customerApi));
        waiting(d).until(ExpectedConditions.urlContains("/portal"));
        d.get(base() + "/portal/tickets/new");
        long before = count("tickets");
        ((JavascriptExecutor) d)
                .executeScript("document.querySelectorAll('input[name=_csrf]').forEach(function (e) { e.remove(); })");
        d.findElement(By.id("subject")).sendKeys("Forged");
        d.findElement(By.id("description")).sendKeys("No token");
        d.findElement(By.cssSelector("#new-ticket button.primary")).click();
        waiting(d).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Refused (403)"));
        assertThat(count("tickets")).isEqualTo(before);
    }

    @Test
    void theChinesePagesRender() {
        String org = organization();
        Api customerApi = customer(org);
        ticket(customerApi, "P1");
        ChromeDriver d = browsers.open("zh-TW", 1280, 900);
        d.get(base() + "/login");
        assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("登入");
        signIn(d, email(customerApi));
        waiting(d).until(ExpectedConditions.urlContains("/portal"));
        String text = d.findElement(By.tagName("main")).getText();
        assertThat(text).contains("的工單", "P1 緊急", "首次回應期限");
        waiting(d)
                .until(x -> x.findElement(By.cssSelector(".cd")).getText().contains("尚餘")
                        || x.findElement(By.cssSelector(".cd")).getText().contains("逾期"));
        screenshot(d, "portal-zh-TW");
        // switched to English from the page, and remembered
        d.findElement(By.cssSelector("button[value=en]")).click();
        waiting(d).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Tickets of"));
    }

    /** No horizontal scroll once the page has loaded (a failure names the elements sticking out). */
    private static void assertFitsAPhone(ChromeDriver d, String path) {
        try {
            new WebDriverWait(d, Duration.ofSeconds(3)).until(x -> scrollWidth(x) <= 375);
        } catch (org.openqa.selenium.TimeoutException e) {
            Object wide = ((JavascriptExecutor) d)
                    .executeScript("return Array.from(document.querySelectorAll('*'))"
                            + ".filter(function (e) { return e.getBoundingClientRect().right > 376; })"
                            + ".map(function (e) { return e.tagName + '#' + e.id + '.' + e.className + ' '"
                            + " + Math.round(e.getBoundingClientRect().right); }).slice(0, 15).join(' | ')");
            assertThat(scrollWidth(d)).as(path + ": " + wide).isLessThanOrEqualTo(375);
        }
    }

    @Test
    void aPhoneWidePageHasNoHorizontalScroll() {
        String org = organization();
        Api customerApi = customer(org);
        Api agentApi = agent();
        String id = ticket(customerApi, "P2");
        long number = Long.parseLong(customerApi.get("/api/v1/tickets/" + id).get("number"));
        customerApi.post(
                "/api/v1/tickets/" + id + "/messages",
                java.util.Map.of("body", "A-very-long-unbroken-word-" + "x".repeat(120)));
        ChromeDriver phone = browsers.open("en-US", 375, 812);
        ((JavascriptExecutor) phone).executeScript("return 1");
        phone.manage().window().setSize(new org.openqa.selenium.Dimension(375, 812));
        signIn(phone, email(customerApi));
        waiting(phone).until(ExpectedConditions.urlContains("/portal"));
        long inner = ((Number) ((JavascriptExecutor) phone).executeScript("return window.innerWidth")).longValue();
        assertThat(inner).isLessThanOrEqualTo(375);
        for (String path : List.of("/portal", "/portal/tickets/new", "/portal/tickets/" + number)) {
            phone.get(base() + path);
            assertFitsAPhone(phone, path);
        }
        phone.get(base() + "/portal/tickets/" + number);
        screenshot(phone, "phone-portal-ticket");
        ChromeDriver agentPhone = browsers.open("en-US", 375, 812);
        agentPhone.manage().window().setSize(new org.openqa.selenium.Dimension(375, 812));
        signIn(agentPhone, email(agentApi));
        waiting(agentPhone).until(ExpectedConditions.urlContains("/console"));
        for (String path : List.of("/console?queue=all", "/console/tickets/" + number)) {
            agentPhone.get(base() + path);
            assertFitsAPhone(agentPhone, path);
        }
        agentPhone.get(base() + "/console?queue=all");
        screenshot(agentPhone, "phone-console-queue");
    }

    @Test
    void theHelpOverlayListsTheShortcutsAndTheyWork() {
        String org = organization();
        Api customerApi = customer(org);
        Api agentApi = agent();
        String id = ticket(customerApi, "P3");
        long number = Long.parseLong(customerApi.get("/api/v1/tickets/" + id).get("number"));
        ChromeDriver d = browsers.open("en-US", 1280, 900);
        signIn(d, email(agentApi));
        waiting(d).until(ExpectedConditions.urlContains("/console"));
        d.get(base() + "/console/tickets/" + number);
        WebElement body = d.findElement(By.tagName("body"));
        body.sendKeys("?");
        waiting(d).until(ExpectedConditions.visibilityOfElementLocated(By.id("help")));
        assertThat(d.findElement(By.id("help")).getText()).contains("Next ticket", "Assign to me", "Solve");
        body.sendKeys(Keys.ESCAPE);
        waiting(d).until(ExpectedConditions.invisibilityOfElementLocated(By.id("help")));
        d.findElement(By.tagName("body")).sendKeys("a");
        waiting(d).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".meta"), "Assigned to"));
        d.findElement(By.tagName("body")).sendKeys("n");
        assertThat(d.switchTo().activeElement().getAttribute("id")).isEqualTo("reply-body");
        assertThat(d.findElement(By.id("vis-internal")).isSelected()).isTrue();
    }
}
