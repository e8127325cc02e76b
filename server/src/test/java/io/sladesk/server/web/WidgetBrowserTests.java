package io.sladesk.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The widget in a real browser, across origins as a customer's product embeds it: the host
 * page is served by a small HTTP server on http://127.0.0.1:<port>, the desk is
 * http://localhost:<port> — two origins, so the iframe, postMessage and frame-ancestors
 * checks are the browser's own.
 */
class WidgetBrowserTests extends DeskTest {
    private Browsers browsers;
    private HttpServer host;
    private String hostOrigin;

    @BeforeEach
    void start() throws Exception {
        Browsers.assumeInstalled();
        browsers = new Browsers();
        host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        host.createContext("/", exchange -> {
            // /<externalId>?lang=..: a product page embedding that organization's widget
            String org = exchange.getRequestURI().getPath().substring(1);
            String query = exchange.getRequestURI().getQuery();
            String lang = query != null && query.startsWith("lang=") ? query.substring(5) : "en";
            byte[] page = ("<!DOCTYPE html><html lang=\"" + lang + "\"><head><meta charset=\"utf-8\">"
                            + "<title>Host product</title></head><body><h1>Acme Inventory</h1>"
                            + "<p>The customer's own product, on another origin.</p>"
                            + "<script src=\"http://localhost:" + port + "/widget.js\" data-sladesk-org=\"" + org
                            + "\" async></script></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        host.start();
        hostOrigin = "http://127.0.0.1:" + host.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (browsers != null) browsers.close();
        if (host != null) host.stop(0);
    }

    private record Widget(String orgId, String externalId, String secret) {}

    /** An organization whose widget may be embedded by these origins, with its secret. */
    private Widget widget(List<String> origins) {
        String externalId = unique("host").toLowerCase();
        Api.Response r = admin.post(
                "/api/v1/organizations",
                Map.of(
                        "name",
                        unique("Widget org"),
                        "plan",
                        "Pro",
                        "timeZone",
                        "Asia/Taipei",
                        "externalId",
                        externalId,
                        "widgetOrigins",
                        origins));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String secret = admin.post("/api/v1/organizations/" + r.get("id") + "/widget-secret", Map.of())
                .get("secret");
        return new Widget(r.get("id"), externalId, secret);
    }

    /** What the host's backend does: a token for one sign-in. */
    private String token(String key, String externalId, String email) {
        Instant now = clock.instant();
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader(JWSAlgorithm.HS256),
                    new JWTClaimsSet.Builder()
                            .claim("email", email)
                            .claim("name", "Hui-Min Lee")
                            .claim("org", externalId)
                            .issueTime(Date.from(now))
                            .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                            .jwtID(UUID.randomUUID().toString())
                            .build());
            jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static WebDriverWait waiting(WebDriver d) {
        return new WebDriverWait(d, Duration.ofSeconds(20));
    }

    static void screenshot(ChromeDriver d, String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), d.getScreenshotAs(OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens the host page, opens the widget from the keyboard and hands it the token; the driver ends in the iframe. */
    private WebElement openAndIdentify(ChromeDriver d, Widget w, String token) {
        d.get(hostOrigin + "/" + w.externalId());
        WebElement launcher = waiting(d).until(ExpectedConditions.elementToBeClickable(By.id("sladesk-launcher")));
        assertThat(launcher.getAttribute("aria-expanded")).isEqualTo("false");
        assertThat(launcher.getAttribute("aria-controls")).isEqualTo("sladesk-frame");
        // keyboard: focus the launcher and press Enter
        ((JavascriptExecutor) d).executeScript("arguments[0].focus()", launcher);
        launcher.sendKeys(Keys.ENTER);
        waiting(d).until(ExpectedConditions.attributeToBe(launcher, "aria-expanded", "true"));
        WebElement frame = d.findElement(By.id("sladesk-frame"));
        assertThat(frame.isDisplayed()).isTrue();
        assertThat(frame.getAttribute("src")).startsWith("http://localhost:" + port + "/widget/panel?org=");
        // the iframe has loaded when its panel answers; then the host identifies its user
        d.switchTo().frame(frame);
        waiting(d).until(ExpectedConditions.presenceOfElementLocated(By.id("sladesk-panel")));
        d.switchTo().defaultContent();
        ((JavascriptExecutor) d).executeScript("window.Sladesk.identify(arguments[0])", token);
        d.switchTo().frame(frame);
        return frame;
    }

    @Test
    void aHostPageIdentifiesItsUserWhoRaisesATicketSeesItsPromisesAndReplies() {
        Widget w = widget(List.of("https://elsewhere.example", hostOrigin));
        String email = unique("hui-min") + "@acme.example";
        ChromeDriver d = browsers.open("en-US", 1280, 900);
        openAndIdentify(d, w, token(w.secret(), w.externalId(), email));

        waiting(d)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Signed in as Hui-Min Lee"));
        d.findElement(By.id("tab-new")).click();
        String subject = unique("Checkout fails");
        d.findElement(By.id("subject")).sendKeys(subject);
        d.findElement(By.id("description")).sendKeys("Every card payment is declined since 09:00, all stores are down");
        // the suggestion arrives as they type, with why
        waiting(d)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("advice"), "Suggested from your words"));
        // each severity shows its promise before sending, in the organization's zone
        waiting(d)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector(".promise[data-severity=P2]"), "(Asia/Taipei)"));
        assertThat(d.findElement(By.cssSelector(".promise[data-severity=P4]")).getText())
                .startsWith("first response by");
        d.findElement(By.cssSelector("label[for=sev-P2]")).click();
        waiting(d)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("advice"), "If you send it as P2 High"));
        screenshot(d, "widget-panel");
        d.findElement(By.cssSelector("#new-form button.primary")).click();

        // the ticket, with its promised times and a running countdown
        waiting(d).until(ExpectedConditions.textToBePresentInElementLocated(By.id("ticket-title"), subject));
        String clocks = d.findElement(By.id("ticket-clocks")).getText();
        assertThat(clocks).contains("First response by", "Resolution by", "(Asia/Taipei)");
        waiting(d)
                .until(x -> x.findElement(By.cssSelector("#ticket-clocks .cd"))
                        .getText()
                        .endsWith("left"));
        assertThat(d.findElement(By.id("ticket-meta")).getText()).contains("P2 High");

        // a reply
        d.findElement(By.id("reply")).sendKeys("It also fails on the mobile app.");
        d.findElement(By.cssSelector("#reply-form button.primary")).click();
        waiting(d)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("messages"), "It also fails on the mobile app."));
        // a re-evaluation request
        new Select(d.findElement(By.id("requested"))).selectByValue("P1");
        d.findElement(By.id("reeval-reason")).sendKeys("No store can take payments");
        d.findElement(By.cssSelector("#reeval-form button")).click();
        waiting(d).until(ExpectedConditions.visibilityOfElementLocated(By.id("reeval-open")));

        // it is among their open tickets
        d.findElement(By.id("tab-list")).click();
        waiting(d).until(ExpectedConditions.textToBePresentInElementLocated(By.id("tickets"), subject));
        assertThat(d.findElement(By.id("tickets")).getText()).contains("First response by");

        d.switchTo().defaultContent();
        screenshot(d, "widget-host");

        // the desk holds it as the widget's, from the customer it made on first use
        Api.Response list = admin.get("/api/v1/tickets?organizationId=" + w.orgId());
        assertThat(list.json().get("items").size()).isEqualTo(1);
        var ticket = list.json().get("items").get(0);
        assertThat(ticket.get("subject").asString()).isEqualTo(subject);
        assertThat(ticket.get("channel").asString()).isEqualTo("widget");
        assertThat(ticket.get("severity").asString()).isEqualTo("P2");
        String id = ticket.get("id").asString();
        assertThat(admin.get("/api/v1/tickets/" + id + "/messages").body())
                .contains("It also fails on the mobile app.");
        assertThat(admin.get("/api/v1/tickets/" + id + "/reevaluations").body()).contains("No store can take payments");
        assertThat(admin.get("/api/v1/users?organizationId=" + w.orgId()).body())
                .contains(email);
    }

    @Test
    void aCustomerMarksTheirTicketSolvedFromTheWidgetInChinese() {
        Widget w = widget(List.of(hostOrigin));
        String email = unique("lin") + "@acme.example";
        // a phone: the panel fits its width
        ChromeDriver d = browsers.open("en-US", 375, 740);
        d.get(hostOrigin + "/" + w.externalId() + "?lang=zh-TW");
        waiting(d)
                .until(ExpectedConditions.elementToBeClickable(By.id("sladesk-launcher")))
                .click();
        WebElement frame = d.findElement(By.id("sladesk-frame"));
        d.switchTo().frame(frame);
        waiting(d).until(ExpectedConditions.presenceOfElementLocated(By.id("sladesk-panel")));
        assertThat(d.findElement(By.id("panel-title")).getText()).isEqualTo("客服中心");
        d.switchTo().defaultContent();
        assertThat(d.findElement(By.id("sladesk-launcher")).getText()).isEqualTo("需要協助？");
        ((JavascriptExecutor) d)
                .executeScript("window.Sladesk.identify(arguments[0])", token(w.secret(), w.externalId(), email));
        d.switchTo().frame(frame);
        waiting(d).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "已登入"));
        d.findElement(By.id("tab-new")).click();
        d.findElement(By.id("subject")).sendKeys("如何匯出發票");
        d.findElement(By.id("description")).sendKeys("我們想匯出上個月的發票");
        d.findElement(By.cssSelector("label[for=sev-P4]")).click();
        d.findElement(By.cssSelector("#new-form button.primary")).click();
        waiting(d).until(ExpectedConditions.textToBePresentInElementLocated(By.id("ticket-title"), "如何匯出發票"));
        d.findElement(By.id("solve")).click();
        waiting(d).until(ExpectedConditions.textToBePresentInElementLocated(By.id("ticket-meta"), "已解決"));
        long scroll = ((Number) ((JavascriptExecutor) d).executeScript("return document.documentElement.scrollWidth"))
                .longValue();
        long width = ((Number) ((JavascriptExecutor) d).executeScript("return document.documentElement.clientWidth"))
                .longValue();
        assertThat(width).isLessThan(375);
        assertThat(scroll).as("no horizontal scroll in the panel on a phone").isLessThanOrEqualTo(width);
        assertThat(admin.get("/api/v1/tickets?organizationId=" + w.orgId())
                        .json()
                        .get("items")
                        .get(0)
                        .get("status")
                        .asString())
                .isEqualTo("solved");
    }

    @Test
    void aForgedTokenShowsAClearMessage() {
        Widget w = widget(List.of(hostOrigin));
        ChromeDriver d = browsers.open("en-US", 1280, 900);
        String forged = token("sdw_" + "f".repeat(43), w.externalId(), unique("mallory") + "@acme.example");
        openAndIdentify(d, w, forged);
        WebElement alert = waiting(d).until(ExpectedConditions.visibilityOfElementLocated(By.id("alert")));
        waiting(d).until(ExpectedConditions.textToBePresentInElement(alert, "signature is not valid"));
        assertThat(alert.getAttribute("role")).isEqualTo("alert");
        assertThat(d.findElement(By.id("tabs")).isDisplayed()).isFalse();
        assertThat(admin.get("/api/v1/users?organizationId=" + w.orgId())
                        .json()
                        .get("items")
                        .size())
                .isZero();
    }

    @Test
    void thePanelTakesATokenOnlyFromItsParentFrame() {
        Widget w = widget(List.of(hostOrigin));
        ChromeDriver d = browsers.open("en-US", 1280, 900);
        d.get(hostOrigin + "/" + w.externalId());
        waiting(d).until(ExpectedConditions.elementToBeClickable(By.id("sladesk-launcher")));
        String host = d.getWindowHandle();
        // a page of an allowed origin that opens the panel in a window of its own (not a frame)
        // and posts it a valid token: the panel is not framed by it, so it does not listen
        ((JavascriptExecutor) d)
                .executeScript(
                        "var token = arguments[1], w = window.open(arguments[0], 'panel');"
                                + " var n = 0, t = setInterval(function () {"
                                + " w.postMessage({type: 'sladesk:identify', token: token}, '*');"
                                + " if (++n > 15) clearInterval(t); }, 200);",
                        "http://localhost:" + port + "/widget/panel?org=" + w.externalId(),
                        token(w.secret(), w.externalId(), unique("eve") + "@acme.example"));
        String panel = d.getWindowHandles().stream()
                .filter(h -> !h.equals(host))
                .findFirst()
                .orElseThrow();
        d.switchTo().window(panel);
        waiting(d).until(ExpectedConditions.presenceOfElementLocated(By.id("sladesk-panel")));
        // let the posts of the next three seconds arrive
        d.switchTo().window(host);
        new WebDriverWait(d, Duration.ofSeconds(10))
                .until(x -> Boolean.TRUE.equals(((JavascriptExecutor) x)
                        .executeAsyncScript("var done = arguments[arguments.length - 1]; setTimeout(function () {"
                                + " done(true); }, 3500);")));
        d.switchTo().window(panel);
        assertThat(d.findElement(By.id("status")).getText()).startsWith("Waiting for the product");
        assertThat(d.findElement(By.id("tabs")).isDisplayed()).isFalse();
        assertThat(admin.get("/api/v1/users?organizationId=" + w.orgId())
                        .json()
                        .get("items")
                        .size())
                .isZero();
    }

    @Test
    void thePanelRefusesAHostOriginNotOnTheList() {
        Widget allowed = widget(List.of(hostOrigin));
        Widget elsewhere = widget(List.of("https://app.example.com"));
        ChromeDriver d = browsers.open("en-US", 1280, 900);

        // on the list: the panel loads
        d.get(hostOrigin + "/" + allowed.externalId());
        waiting(d)
                .until(ExpectedConditions.elementToBeClickable(By.id("sladesk-launcher")))
                .click();
        d.switchTo().frame(d.findElement(By.id("sladesk-frame")));
        waiting(d).until(ExpectedConditions.presenceOfElementLocated(By.id("sladesk-panel")));
        d.switchTo().defaultContent();

        // not on the list: the browser refuses to show the panel in the frame
        d.get(hostOrigin + "/" + elsewhere.externalId());
        waiting(d)
                .until(ExpectedConditions.elementToBeClickable(By.id("sladesk-launcher")))
                .click();
        WebElement frame = d.findElement(By.id("sladesk-frame"));
        // give the frame its load (the desk answers at once; the browser blocks what it answered)
        waiting(d).until(x -> {
            x.switchTo().frame(frame);
            String state = String.valueOf(((JavascriptExecutor) x).executeScript("return document.readyState"));
            x.switchTo().defaultContent();
            return state.equals("complete");
        });
        d.switchTo().frame(frame);
        assertThat(d.findElements(By.id("sladesk-panel")))
                .as("the panel must not load")
                .isEmpty();
        assertThat(d.findElements(By.id("subject"))).isEmpty();
        d.switchTo().defaultContent();
        // and the desk answered with a policy naming only the allowed origin
        assertThat(anonymous
                        .get("/widget/panel?org=" + elsewhere.externalId())
                        .raw()
                        .headers()
                        .firstValue("Content-Security-Policy")
                        .orElseThrow())
                .contains("frame-ancestors https://app.example.com")
                .doesNotContain(hostOrigin);
    }
}
