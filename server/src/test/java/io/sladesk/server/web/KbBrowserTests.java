package io.sladesk.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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

/** The help centre in a real browser: finding the seed's article, answering "No", suggestions while typing. */
class KbBrowserTests extends DeskTest {
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

    private static WebDriverWait waiting(WebDriver d) {
        return new WebDriverWait(d, Duration.ofSeconds(15));
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

    /** What sticks out past the viewport's right edge, to say why a page scrolls sideways. */
    private static String wide(WebDriver d) {
        return String.valueOf(
                ((JavascriptExecutor) d)
                        .executeScript(
                                "var out = []; document.querySelectorAll('body *').forEach(function (e) {"
                                        + " var r = e.getBoundingClientRect(); if (r.right > window.innerWidth + 1 && out.length < 8)"
                                        + " out.push(e.tagName + '.' + e.className + ' ' + Math.round(r.right)); }); return out.join(', ');"));
    }

    private static long scrollWidth(WebDriver d) {
        return ((Number) ((JavascriptExecutor) d).executeScript("return document.documentElement.scrollWidth"))
                .longValue();
    }

    private void signIn(WebDriver d, String email) {
        d.get(base() + "/login");
        d.findElement(By.id("email")).sendKeys(email);
        d.findElement(By.id("password")).sendKeys("correct-horse-1");
        d.findElement(By.cssSelector("form.stack button[type=submit]")).click();
    }

    @Test
    void aVisitorFindsTheSeedArticleByBusinessDayAnswersNoAndLandsOnAPrefilledTicketForm() {
        long noVotes = db.sql("select count(*) from kb_votes where not helpful")
                .query(Long.class)
                .single();
        ChromeDriver visitor = browsers.open("zh-TW", 1280, 900);
        visitor.get(base() + "/help");
        assertThat(visitor.findElement(By.tagName("h1")).getText()).isEqualTo("說明中心");
        // the seed's category lists it before any search
        assertThat(visitor.findElement(By.id("main")).getText()).contains("支援政策", "標準客戶支援");
        visitor.findElement(By.id("help-q")).sendKeys("營業日");
        visitor.findElement(By.cssSelector("#help-search button[type=submit]")).click();
        waiting(visitor).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".kb-hits li")));
        assertThat(visitor.findElement(By.cssSelector(".kb-hits li mark")).getText())
                .isEqualTo("營業日");
        screenshot(visitor, "help-centre");
        visitor.findElement(By.cssSelector(".kb-hits li a.kb-hit-title")).click();
        waiting(visitor).until(ExpectedConditions.textToBe(By.id("article-h"), "標準客戶支援"));
        assertThat(visitor.getCurrentUrl()).contains("from=search");
        assertThat(visitor.findElement(By.cssSelector(".kb-body")).getText()).contains("1 個營業日", "重新評估");
        assertThat(visitor.findElement(By.id("vote-h")).getText()).isEqualTo("是否回答了您的問題？");
        screenshot(visitor, "help-article");
        visitor.findElement(By.id("vote-no")).click();
        waiting(visitor).until(ExpectedConditions.urlMatches(".*/help/articles/[0-9a-f-]+/contact$"));
        assertThat(visitor.findElement(By.id("subject")).getDomProperty("value"))
                .isEqualTo("關於「標準客戶支援」的問題");
        assertThat(visitor.findElement(By.id("description")).getDomProperty("value"))
                .contains("我讀過「標準客戶支援」");
        assertThat(visitor.findElement(By.id("sign-in-first")).getText()).contains("登入");
        screenshot(visitor, "help-contact");
        String contactUrl = visitor.getCurrentUrl();
        String articleId = contactUrl.replaceAll(".*/help/articles/([0-9a-f-]+)/contact$", "$1");
        // signing in brings the customer back to the form, still filled in; sending it raises the ticket
        Api customerApi = customer(organization());
        visitor.findElement(By.id("sign-in-link")).click();
        visitor.findElement(By.id("email"))
                .sendKeys(customerApi.get("/api/v1/me").get("email"));
        visitor.findElement(By.id("password")).sendKeys("correct-horse-1");
        visitor.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        waiting(visitor).until(ExpectedConditions.urlToBe(contactUrl));
        assertThat(visitor.findElement(By.id("subject")).getDomProperty("value"))
                .isEqualTo("關於「標準客戶支援」的問題");
        visitor.findElement(By.id("description")).sendKeys("P2 的營業日怎麼算？");
        visitor.findElement(By.cssSelector("#contact-form button.primary")).click();
        waiting(visitor).until(ExpectedConditions.urlMatches(".*/portal/tickets/\\d+$"));
        var mine = customerApi.get("/api/v1/tickets").json().get("items").get(0);
        assertThat(mine.get("subject").asString()).isEqualTo("關於「標準客戶支援」的問題");
        assertThat(mine.get("context").get("articleId").asString()).isEqualTo(articleId);
        assertThat(db.sql("select count(*) from kb_votes where not helpful")
                        .query(Long.class)
                        .single())
                .isEqualTo(noVotes + 1);
        // the read was recorded as one from a search, for this browser
        assertThat(db.sql("select count(*) from kb_views v join kb_articles a on a.id = v.article_id"
                                + " where a.title = '標準客戶支援' and v.source = 'search' and v.reader like 'browser:%'")
                        .query(Long.class)
                        .single())
                .isPositive();

        // on a phone the article, with its tables, scrolls only down
        ChromeDriver phone = browsers.open("en-US", 375, 812);
        ((JavascriptExecutor) phone).executeScript("return 1");
        phone.manage().window().setSize(new org.openqa.selenium.Dimension(375, 812));
        phone.get(contactUrl.replace("/contact", ""));
        assertThat(((Number) ((JavascriptExecutor) phone).executeScript("return window.innerWidth")).longValue())
                .isLessThanOrEqualTo(375);
        assertThat(scrollWidth(phone)).as(() -> wide(phone)).isLessThanOrEqualTo(375);
        phone.get(base() + "/help?q=business+day");
        assertThat(phone.findElement(By.cssSelector(".kb-hits li a")).getText()).isEqualTo("Standard Customer Support");
        assertThat(scrollWidth(phone)).as(() -> wide(phone)).isLessThanOrEqualTo(375);
        screenshot(phone, "help-centre-375");
    }

    @Test
    void aCustomerTypingCannotLogInSeesTheMatchingArticleSuggested() {
        Api agentApi = agent();
        Api.Response a = agentApi.post(
                "/api/v1/kb/articles",
                Map.of(
                        "title", "Cannot log in to the inbox",
                        "body", "If you cannot sign in, reset your password from the sign-in page.",
                        "language", "en"));
        assertThat(a.status()).as(a.toString()).isEqualTo(201);
        Api customerApi = customer(organization());
        ChromeDriver customer = browsers.open("en-US", 1280, 900);
        signIn(customer, customerApi.get("/api/v1/me").get("email"));
        waiting(customer).until(ExpectedConditions.urlContains("/portal"));
        customer.get(base() + "/portal/tickets/new");
        customer.findElement(By.id("subject")).sendKeys("cannot log in");
        waiting(customer)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("kb-suggestions"), "Cannot log in to the inbox"));
        String link = customer.findElement(By.cssSelector("#kb-suggestions a.kb-hit-title"))
                .getDomAttribute("href");
        assertThat(link).isEqualTo("/help/articles/" + a.get("id") + "?from=suggestion");
        screenshot(customer, "portal-kb-suggestions");

        // raised from the article, the agent sees where it came from and can link articles in a reply
        Api.Response t = customerApi.post(
                "/api/v1/kb/articles/" + a.get("id") + "/contact",
                Map.of("subject", "cannot log in still", "description", "The reset mail never arrives."));
        assertThat(t.status()).as(t.toString()).isEqualTo(201);
        ChromeDriver agent = browsers.open("en-US", 1280, 900);
        signIn(agent, agentApi.get("/api/v1/me").get("email"));
        waiting(agent).until(ExpectedConditions.urlContains("/console"));
        agent.get(base() + "/console/tickets/" + t.json().get("number").asLong());
        waiting(agent).until(ExpectedConditions.presenceOfElementLocated(By.id("ticket-context")));
        assertThat(agent.findElement(By.id("ticket-context")).getText()).contains("Cannot log in to the inbox");
        agent.findElement(By.cssSelector("#kb-articles [data-kb-insert]")).click();
        assertThat(agent.findElement(By.id("reply-body")).getDomProperty("value"))
                .contains("[Cannot log in to the inbox](/help/articles/" + a.get("id") + ")");
        screenshot(agent, "console-kb-suggestions");
    }

    @Test
    void anAgentWritesAnArticleWithAPreviewAndSeesTheReport() {
        Api agentApi = agent();
        ChromeDriver agent = browsers.open("en-US", 1280, 900);
        signIn(agent, agentApi.get("/api/v1/me").get("email"));
        waiting(agent).until(ExpectedConditions.urlContains("/console"));
        agent.get(base() + "/console/kb/new");
        String title = unique("Exporting data");
        agent.findElement(By.id("kb-title")).sendKeys(title);
        agent.findElement(By.id("kb-body")).sendKeys("Use **Export** <script>x</script>");
        waiting(agent).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#kb-preview strong")));
        assertThat(agent.findElement(By.id("kb-preview")).getText()).contains("<script>x</script>");
        agent.findElement(By.id("kb-category")).sendKeys("Guides");
        agent.findElement(By.cssSelector("#article-form button.primary")).click();
        waiting(agent).until(ExpectedConditions.urlContains("/edit?saved"));
        assertThat(agent.findElement(By.cssSelector(".kb-revisions")).getText()).contains("Revision 1");
        // a visitor finds it by a search and leaves; a day later that counts as deflected
        String id = agent.getCurrentUrl().replaceAll(".*/console/kb/([0-9a-f-]+)/edit.*", "$1");
        assertThat(anonymous.get("/api/v1/kb/articles/" + id + "?source=search").status())
                .isEqualTo(200);
        clock.advance(Duration.ofHours(25));
        agent.get(base() + "/console/kb");
        assertThat(agent.findElement(By.id("report-h")).getText()).isEqualTo("Deflection");
        assertThat(agent.findElement(By.cssSelector(".kb-table tbody")).getText())
                .contains(title);
        assertThat(agent.findElements(By.cssSelector(".kb-chart rect.kb-bar-deflected")))
                .isNotEmpty();
        screenshot(agent, "console-kb");
    }
}
