package io.sladesk.server.kb;

import static org.assertj.core.api.Assertions.assertThat;

import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The knowledge base through the API: writing, reading, search in both languages, visibility, votes, contact, report. */
class KbApiTests extends DeskTest {

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** An article in a category of its own (so searches can be confined to the test's articles); returns its id. */
    private String article(Api agent, String category, String title, String body, Map<String, Object> more) {
        Map<String, Object> req = new HashMap<>(Map.of("title", title, "body", body, "language", "en"));
        if (category != null) req.put("category", category);
        req.putAll(more);
        Api.Response r = agent.post("/api/v1/kb/articles", req);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.get("id");
    }

    private List<String> titles(Api api, String query) {
        Api.Response r = api.get("/api/v1/kb/articles?" + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return fields(r, "items", "title");
    }

    private Api.Response patch(Api api, String path, Object body) {
        return api.send(
                "PATCH",
                path,
                "application/json",
                tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(body),
                Map.of());
    }

    @Test
    void theSeedArticleShipsInChineseWithItsEnglishTranslationInSupportPolicy() {
        Api.Response r = anonymous.get("/api/v1/kb/articles?q=" + q("營業日"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode first = r.json().get("items").get(0);
        assertThat(first.get("title").asString()).isEqualTo("標準客戶支援");
        assertThat(first.get("snippet").asString()).contains("<mark>營業日</mark>");
        Api.Response a = anonymous.get("/api/v1/kb/articles/" + first.get("id").asString());
        assertThat(a.status()).isEqualTo(200);
        JsonNode json = a.json();
        assertThat(json.get("language").asString()).isEqualTo("zh-TW");
        assertThat(json.get("status").asString()).isEqualTo("published");
        assertThat(json.get("visibility").asString()).isEqualTo("public");
        assertThat(json.get("category").get("name").asString()).isEqualTo("支援政策");
        assertThat(json.get("category").get("names").get("en").asString()).isEqualTo("Support policy");
        assertThat(json.get("body").asString()).contains("45 分鐘").contains("重新評估");
        assertThat(json.get("html").asString()).contains("<table>").contains("<td>1 個營業日</td>");
        JsonNode en = json.get("translations").get(0);
        assertThat(en.get("language").asString()).isEqualTo("en");
        assertThat(en.get("title").asString()).isEqualTo("Standard Customer Support");
        Api.Response english =
                anonymous.get("/api/v1/kb/articles/" + en.get("id").asString());
        assertThat(english.json().get("translations").get(0).get("id").asString())
                .isEqualTo(first.get("id").asString());
        assertThat(titles(anonymous, "q=" + q("business day") + "&language=en"))
                .first()
                .isEqualTo("Standard Customer Support");
    }

    @Test
    void agentsWriteArticlesEachChangeIsARevisionAndCustomersCannotWrite() {
        Api agent = agent();
        String cat = unique("cat");
        Api.Response created = agent.post(
                "/api/v1/kb/articles",
                Map.of(
                        "title",
                        "Rotating API keys",
                        "body",
                        "Go to **Settings**.",
                        "language",
                        "en",
                        "category",
                        cat,
                        "tags",
                        List.of("api", "keys"),
                        "status",
                        "draft",
                        "visibility",
                        "customers"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.get("id");
        assertThat(created.raw().headers().firstValue("Location")).hasValue("/api/v1/kb/articles/" + id);
        JsonNode a = agent.get("/api/v1/kb/articles/" + id).json();
        for (String field : List.of(
                "id",
                "title",
                "body",
                "html",
                "language",
                "translations",
                "category",
                "tags",
                "visibility",
                "status",
                "votes",
                "updatedAt")) assertThat(a.has(field)).as(field).isTrue();
        assertThat(a.get("html").asString()).isEqualTo("<p>Go to <strong>Settings</strong>.</p>\n");
        assertThat(a.get("status").asString()).isEqualTo("draft");
        assertThat(a.get("votes").get("yes").asLong()).isZero();
        assertThat(a.get("category").get("name").asString()).isEqualTo(cat);

        Instant before = clock.instant();
        clock.advance(Duration.ofMinutes(5));
        Api.Response changed = patch(
                agent, "/api/v1/kb/articles/" + id, Map.of("title", "Rotating API keys safely", "status", "published"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("revision").asInt()).isEqualTo(2);
        assertThat(changed.get("body")).isEqualTo("Go to **Settings**.");
        assertThat(Instant.parse(changed.get("updatedAt"))).isAfter(before);
        JsonNode revisions =
                agent.get("/api/v1/kb/articles/" + id + "/revisions").json().get("items");
        assertThat(revisions.size()).isEqualTo(2);
        assertThat(revisions.get(0).get("title").asString()).isEqualTo("Rotating API keys");
        assertThat(revisions.get(1).get("changed").values().stream()
                        .map(JsonNode::asString)
                        .toList())
                .containsExactly("title", "status");

        Api customer = customer(organization());
        assertThat(customer.post("/api/v1/kb/articles", Map.of("title", "x", "body", "y", "language", "en"))
                        .status())
                .isEqualTo(403);
        assertThat(patch(customer, "/api/v1/kb/articles/" + id, Map.of("title", "mine"))
                        .status())
                .isEqualTo(403);
        assertThat(customer.get("/api/v1/kb/articles/" + id + "/revisions").status())
                .isEqualTo(403);
        assertThat(anonymous
                        .post("/api/v1/kb/articles", Map.of("title", "x", "body", "y", "language", "en"))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void badArticlesAre400sNamingTheFieldAndNothingIsStored() {
        Api agent = agent();
        long before = count("kb_articles");
        Api.Response r = agent.post(
                "/api/v1/kb/articles",
                Map.of("title", " ", "body", "b", "language", "fr", "visibility", "secret", "colour", "red"));
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.contentType()).contains("application/problem+json");
        assertThat(r.body()).contains("colour");
        Api.Response r2 = agent.post(
                "/api/v1/kb/articles", Map.of("title", " ", "body", "b", "language", "fr", "visibility", "secret"));
        assertThat(r2.status()).isEqualTo(400);
        assertThat(r2.body()).contains("title").contains("language").contains("visibility");
        Api.Response r3 = agent.post(
                "/api/v1/kb/articles", Map.of("title", "t", "body", "b", "language", "en", "translationOf", "nope"));
        assertThat(r3.status()).isEqualTo(400);
        assertThat(r3.body()).contains("translationOf");
        assertThat(count("kb_articles")).isEqualTo(before);
        assertThat(anonymous.get("/api/v1/kb/articles/not-an-id").status()).isEqualTo(404);
        assertThat(anonymous
                        .get("/api/v1/kb/articles/" + java.util.UUID.randomUUID())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void markdownIsRenderedSafely() {
        Api agent = agent();
        String id = article(
                agent,
                null,
                "Safe " + unique("md"),
                "<script>alert(1)</script>\n\n[bad](javascript:alert(1)) [good](https://example.com/help)"
                        + " <img src=x onerror=alert(1)>",
                Map.of());
        String html = agent.get("/api/v1/kb/articles/" + id).get("html");
        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("javascript:");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(html).contains("<a rel=\"noopener nofollow\" href=\"https://example.com/help\">good</a>");
    }

    @Test
    void englishSearchStemsToleratesTyposAndRanksTitlesOverBodies() {
        Api agent = agent();
        String cat = unique("search");
        article(agent, cat, "Export your tickets", "Download a spreadsheet of every ticket.", Map.of());
        article(agent, cat, "Billing contacts", "Who gets the invoice mails. You can also export them.", Map.of());
        article(agent, cat, "Notifications", "Mail settings for agents.", Map.of());
        String in = "&category=" + q(cat);
        // stemming: "exporting" finds "export" (both articles); the title match first
        assertThat(titles(anonymous, "q=exporting" + in)).containsExactly("Export your tickets", "Billing contacts");
        // typos: "exportng" is corrected to an article word
        assertThat(titles(anonymous, "q=exportng" + in)).containsExactly("Export your tickets", "Billing contacts");
        assertThat(titles(anonymous, "q=notifcations" + in)).containsExactly("Notifications");
        // the snippet highlights the match, escaped
        Api.Response r = anonymous.get("/api/v1/kb/articles?q=spreadsheets" + in);
        assertThat(r.json().get("items").get(0).get("snippet").asString()).contains("<mark>spreadsheet</mark>");
        assertThat(titles(anonymous, "q=" + q("nothing-like-this-zzqx") + in)).isEmpty();
    }

    @Test
    void chineseSearchFindsWordsWithoutSpacesAndMixedText() {
        Api agent = agent();
        String cat = unique("zh");
        String id = article(agent, cat, "無法登入收件匣", "請先確認密碼，再清除瀏覽器快取。", Map.of("language", "zh-TW"));
        article(agent, cat, "匯出報表", "在設定中可以匯出報表。登入後選擇報表。", Map.of("language", "zh-TW"));
        String in = "&category=" + q(cat);
        assertThat(titles(anonymous, "q=" + q("登入") + in)).first().isEqualTo("無法登入收件匣");
        assertThat(titles(anonymous, "q=" + q("登入") + in)).hasSize(2);
        assertThat(titles(anonymous, "q=" + q("快取") + in)).containsExactly("無法登入收件匣");
        assertThat(titles(anonymous, "q=" + q("瀏覽器 password") + in)).containsExactly("無法登入收件匣");
        assertThat(titles(anonymous, "q=" + q("收件") + "&language=zh-TW")).contains("無法登入收件匣");
        assertThat(titles(anonymous, "q=" + q("登入") + "&language=en" + in)).isEmpty();
        // a longer query whose pairs across its words are in no article still finds the article
        assertThat(titles(anonymous, "q=" + q("收件匣無法登入") + in)).first().isEqualTo("無法登入收件匣");
        // the seed answers "營業日" (business day), alone or among other words
        assertThat(titles(anonymous, "q=" + q("營業日"))).first().isEqualTo("標準客戶支援");
        assertThat(titles(anonymous, "q=" + q("P2 的營業日"))).first().isEqualTo("標準客戶支援");
        Api.Response r = anonymous.get("/api/v1/kb/articles?q=" + q("快取") + in);
        assertThat(r.json().get("items").get(0).get("snippet").asString()).contains("<mark>快取</mark>");
        assertThat(r.json().get("items").get(0).get("id").asString()).isEqualTo(id);
    }

    @Test
    void internalArticlesNeverReachCustomersOrAnonymousReaders() {
        Api agent = agent();
        String cat = unique("vis");
        String word = "quarkle";
        String pub = article(agent, cat, "Public " + word, "Everyone reads this.", Map.of("visibility", "public"));
        String cust =
                article(agent, cat, "Customers " + word, "Customers read this.", Map.of("visibility", "customers"));
        String internal = article(agent, cat, "Internal " + word, "Agents only.", Map.of("visibility", "internal"));
        String draft = article(agent, cat, "Draft " + word, "Not yet.", Map.of("status", "draft"));
        Api customer = customer(organization());
        String in = "q=" + word + "&category=" + q(cat);
        assertThat(titles(anonymous, in)).containsExactly("Public " + word);
        assertThat(titles(customer, in)).containsExactlyInAnyOrder("Public " + word, "Customers " + word);
        assertThat(titles(agent, in))
                .containsExactlyInAnyOrder("Public " + word, "Customers " + word, "Internal " + word);
        assertThat(titles(anonymous, "category=" + q(cat))).containsExactly("Public " + word);
        assertThat(anonymous.get("/api/v1/kb/articles/" + cust).status()).isEqualTo(404);
        assertThat(anonymous.get("/api/v1/kb/articles/" + internal).status()).isEqualTo(404);
        assertThat(customer.get("/api/v1/kb/articles/" + internal).status()).isEqualTo(404);
        assertThat(customer.get("/api/v1/kb/articles/" + draft).status()).isEqualTo(404);
        assertThat(customer.get("/api/v1/kb/articles/" + cust).status()).isEqualTo(200);
        assertThat(agent.get("/api/v1/kb/articles/" + internal).status()).isEqualTo(200);
        assertThat(anonymous.get("/api/v1/kb/articles/" + pub).status()).isEqualTo(200);
        // nor through suggestions, votes or translations
        Api.Response s = customer.post("/api/v1/kb/suggest", Map.of("subject", word, "description", word));
        assertThat(fields(s, "items", "title")).doesNotContain("Internal " + word);
        assertThat(customer.post("/api/v1/kb/articles/" + internal + "/votes", Map.of("helpful", true))
                        .status())
                .isEqualTo(404);
        assertThat(customer.post(
                                "/api/v1/kb/articles/" + internal + "/contact",
                                Map.of("subject", "s", "description", "d"))
                        .status())
                .isEqualTo(404);
        String translation = article(
                agent,
                null,
                "內部 " + word,
                "內部",
                Map.of("language", "zh-TW", "translationOf", pub, "visibility", "internal"));
        assertThat(anonymous
                        .get("/api/v1/kb/articles/" + pub)
                        .json()
                        .get("translations")
                        .size())
                .isZero();
        assertThat(agent.get("/api/v1/kb/articles/" + pub)
                        .json()
                        .get("translations")
                        .get(0)
                        .get("id")
                        .asString())
                .isEqualTo(translation);
    }

    private static String cookie(Api.Response r) {
        return r.raw().headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("sladesk_reader="))
                .map(c -> c.substring(0, c.indexOf(';')))
                .findFirst()
                .orElse(null);
    }

    private Api.Response vote(Api api, String id, boolean helpful, String cookie) {
        return api.post(
                "/api/v1/kb/articles/" + id + "/votes",
                Map.of("helpful", helpful),
                cookie == null ? Map.of() : Map.of("Cookie", cookie));
    }

    @Test
    void oneVotePerUserOrBrowserChangeableAndCountedPerRevision() {
        Api agent = agent();
        String id = article(agent, null, "Votes " + unique("v"), "Body", Map.of());
        Api.Response first = vote(anonymous, id, true, null);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        String browser = cookie(first);
        assertThat(browser).isNotNull();
        assertThat(first.raw().headers().allValues("Set-Cookie").get(0))
                .contains("HttpOnly")
                .contains("SameSite=Lax");
        // the same browser changes its vote; it does not add one
        Api.Response again = vote(anonymous, id, false, browser);
        assertThat(again.json().get("yes").asLong()).isZero();
        assertThat(again.json().get("no").asLong()).isEqualTo(1);
        assertThat(cookie(again)).isNull();
        // another browser is another vote
        vote(anonymous, id, true, null);
        // customers of two organizations: each user one vote, whatever cookie they send
        Api a = customer(organization());
        Api b = customer(organization());
        vote(a, id, true, browser);
        vote(a, id, true, browser);
        Api.Response replay = vote(b, id, false, browser);
        assertThat(replay.json().get("yes").asLong()).isEqualTo(2);
        assertThat(replay.json().get("no").asLong()).isEqualTo(2);
        // the anonymous browser's vote was not touched by the customers sending its cookie
        assertThat(db.sql("select helpful from kb_votes where article_id = ?::uuid and reader = ?")
                        .params(id, "browser:" + browser.substring(browser.indexOf('=') + 1))
                        .query(Boolean.class)
                        .single())
                .isFalse();
        assertThat(db.sql("select count(distinct organization_id) from kb_votes where article_id = ?::uuid")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        // a vote cannot name its voter
        assertThat(b.post("/api/v1/kb/articles/" + id + "/votes", Map.of("helpful", true, "userId", userId(a)))
                        .status())
                .isEqualTo(400);
        assertThat(b.post("/api/v1/kb/articles/" + id + "/votes", Map.of("comment", "hm"))
                        .status())
                .isEqualTo(400);
        JsonNode votes = anonymous.get("/api/v1/kb/articles/" + id).json().get("votes");
        assertThat(votes.get("yes").asLong()).isEqualTo(2);
        assertThat(votes.get("no").asLong()).isEqualTo(2);
        // a new revision starts counting afresh; the same reader may vote on it
        patch(agent, "/api/v1/kb/articles/" + id, Map.of("body", "Better body"));
        assertThat(anonymous
                        .get("/api/v1/kb/articles/" + id)
                        .json()
                        .get("votes")
                        .get("yes")
                        .asLong())
                .isZero();
        Api.Response onNew = vote(a, id, true, null);
        assertThat(onNew.json().get("yes").asLong()).isEqualTo(1);
        assertThat(onNew.json().get("no").asLong()).isZero();
        assertThat(db.sql("select count(*) from kb_votes where article_id = ?::uuid")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(5);
    }

    @Test
    void suggestionsFindTheArticleForATicketBeingWritten() {
        Api agent = agent();
        String zh = article(agent, null, "無法登入收件匣 " + unique("s"), "請先確認密碼，麒麟程式會顯示錯誤。", Map.of("language", "zh-TW"));
        String en = article(
                agent,
                null,
                "Cannot log in to the inbox",
                "If you cannot sign in, reset your password and clear the browser cache. Frobnicator shows error 4711.",
                Map.of("translationOf", zh));
        Api customer = customer(organization());
        Api.Response r = customer.post(
                "/api/v1/kb/suggest",
                Map.of("subject", "cannot log in", "description", "Since this morning Frobnicator shows error 4711."));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode first = r.json().get("items").get(0);
        assertThat(first.get("id").asString()).isEqualTo(en);
        assertThat(first.get("title").asString()).isEqualTo("Cannot log in to the inbox");
        assertThat(first.get("score").asDouble()).isPositive();
        assertThat(first.get("snippet").asString()).contains("<mark>");
        Api.Response zhr = anonymous.post(
                "/api/v1/kb/suggest", Map.of("subject", "我無法登入", "description", "麒麟一直顯示錯誤", "language", "zh-TW"));
        assertThat(fields(zhr, "items", "id")).first().isEqualTo(zh);
        assertThat(anonymous
                        .post("/api/v1/kb/suggest", Map.of("subject", "", "description", ""))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void contactingSupportFromAnArticleRaisesATicketWithItsContext() {
        Api agent = agent();
        String id = article(agent, null, "Resetting a password " + unique("c"), "Use the link.", Map.of());
        Api customer = customer(organization());
        Api.Response t = customer.post(
                "/api/v1/kb/articles/" + id + "/contact",
                Map.of("subject", "The link does not arrive", "description", "I tried twice.", "severity", "P3"));
        assertThat(t.status()).as(t.toString()).isEqualTo(201);
        assertThat(t.json().get("context").get("articleId").asString()).isEqualTo(id);
        assertThat(t.get("severity")).isEqualTo("P3");
        String ticket = t.get("id");
        assertThat(agent.get("/api/v1/tickets/" + ticket)
                        .json()
                        .get("context")
                        .get("articleId")
                        .asString())
                .isEqualTo(id);
        assertThat(customer.get("/api/v1/tickets/" + ticket)
                        .json()
                        .get("context")
                        .get("articleId")
                        .asString())
                .isEqualTo(id);
        // an ordinary ticket has no context
        assertThat(customer.get("/api/v1/tickets/" + ticket(customer, "P4"))
                        .json()
                        .has("context"))
                .isFalse();
        assertThat(agent.post("/api/v1/kb/articles/" + id + "/contact", Map.of("subject", "s", "description", "d"))
                        .status())
                .isEqualTo(403);
        assertThat(anonymous
                        .post("/api/v1/kb/articles/" + id + "/contact", Map.of("subject", "s", "description", "d"))
                        .status())
                .isEqualTo(401);
        long tickets = count("tickets");
        Api.Response bad = customer.post("/api/v1/kb/articles/" + id + "/contact", Map.of("description", "d"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("subject");
        assertThat(count("tickets")).isEqualTo(tickets);
    }

    @Test
    void theReportCountsReadsVotesTicketsAfterReadingAndDeflection() {
        Api agent = agent();
        clock.advance(Duration.ofHours(1));
        Instant from = clock.instant();
        String id = article(agent, null, "Report " + unique("r"), "Body of the report article.", Map.of());
        String other = article(agent, null, "Other " + unique("r"), "Read directly.", Map.of());
        String org = organization();
        Api c1 = customer(org);
        Api c2 = customer(org);
        assertThat(c1.get("/api/v1/kb/articles/" + id + "?source=search").status())
                .isEqualTo(200);
        c1.get("/api/v1/kb/articles/" + id + "?source=search"); // the same read again: one read
        c2.get("/api/v1/kb/articles/" + id + "?source=suggestion");
        Api.Response anon = anonymous.get("/api/v1/kb/articles/" + id + "?source=search");
        String browser = cookie(anon);
        vote(anonymous, id, false, browser);
        vote(c1, id, true, null);
        anonymous.get("/api/v1/kb/articles/" + other); // direct, no cookie yet: a new browser
        agent.get("/api/v1/kb/articles/" + id + "?source=search"); // staff reads are not counted
        clock.advance(Duration.ofHours(2));
        // c2 raises a ticket anyway, within the window
        assertThat(c2.post(
                                "/api/v1/kb/articles/" + id + "/contact",
                                Map.of("subject", "Still stuck", "description", "The article did not help."))
                        .status())
                .isEqualTo(201);
        clock.advance(Duration.ofHours(23));
        // read now: its window is still open, so it counts as neither deflected nor raised
        Api c3 = customer(org);
        c3.get("/api/v1/kb/articles/" + id + "?source=search");
        clock.advance(Duration.ofMinutes(1));
        Instant to = clock.instant();

        Api.Response r = agent.get("/api/v1/reports/kb?from=" + from + "&to=" + to);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode row = null;
        for (JsonNode n : r.json().get("articles").values())
            if (n.get("id").asString().equals(id)) row = n;
        assertThat(row).isNotNull();
        // reads: c1 (search), c2 (suggestion), c2 (direct, at contact), the browser (search), c3 (search)
        assertThat(row.get("views").asLong()).isEqualTo(5);
        assertThat(row.get("votes").get("yes").asLong()).isEqualTo(1);
        assertThat(row.get("votes").get("no").asLong()).isEqualTo(1);
        assertThat(row.get("helpfulness").asDouble()).isEqualTo(0.5);
        // readers from search or suggestion with a closed window or a ticket: c1, c2, the browser
        assertThat(row.get("readers").asLong()).isEqualTo(3);
        assertThat(row.get("deflected").asLong()).isEqualTo(2);
        assertThat(row.get("ticketsAfterReading").asLong()).isEqualTo(1);
        assertThat(row.get("deflectionRate").asDouble()).isEqualTo(0.6667);
        JsonNode total = r.json().get("total");
        assertThat(total.get("views").asLong()).isGreaterThanOrEqualTo(6);
        assertThat(r.json().get("windowHours").asLong()).isEqualTo(24);
        assertThat(r.get("from")).isEqualTo(from.toString());
        assertThat(r.get("to")).isEqualTo(to.toString());
        // a period before any of it: nothing
        Api.Response empty = agent.get("/api/v1/reports/kb?from=2020-01-01&to=2020-01-31");
        assertThat(empty.json().get("articles").size()).isZero();
        assertThat(empty.json().get("total").get("deflectionRate").isNull()).isTrue();
        assertThat(c1.get("/api/v1/reports/kb").status()).isEqualTo(403);
        assertThat(agent.get("/api/v1/reports/kb?from=yesterday").status()).isEqualTo(400);
    }
}
