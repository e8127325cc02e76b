package io.sladesk.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.sladesk.server.support.Api;
import io.sladesk.server.support.DeskTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The widget through the API: organizations' external ids, origins and secrets; the signed
 * identity exchange with each of its refusals; what a widget session may do.
 */
class WidgetApiTests extends DeskTest {
    private String orgId;
    private String externalId;
    private String secret;

    @BeforeEach
    void widgetOrganization() {
        externalId = unique("acme").toLowerCase();
        Api.Response r = admin.post(
                "/api/v1/organizations",
                Map.of(
                        "name",
                        unique("Widget org"),
                        "plan",
                        "Pro",
                        "externalId",
                        externalId,
                        "widgetOrigins",
                        List.of("https://app.example.com")));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        orgId = r.get("id");
        assertThat(r.get("externalId")).isEqualTo(externalId);
        secret = newSecret(orgId);
    }

    private String newSecret(String org) {
        Api.Response r = admin.post("/api/v1/organizations/" + org + "/widget-secret", Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.get("secret");
    }

    /** The claims a host's backend puts in a token, valid five minutes from the desk's now. */
    private Map<String, Object> claims(String email) {
        Instant now = clock.instant();
        Map<String, Object> c = new HashMap<>();
        c.put("email", email);
        c.put("name", "Widget User");
        c.put("org", externalId);
        c.put("iat", now.getEpochSecond());
        c.put("exp", now.plus(Duration.ofMinutes(5)).getEpochSecond());
        c.put("jti", UUID.randomUUID().toString());
        return c;
    }

    static String sign(String key, Map<String, Object> claims) {
        try {
            JWTClaimsSet.Builder b = new JWTClaimsSet.Builder();
            claims.forEach((k, v) -> {
                if (v instanceof Long seconds && (k.equals("iat") || k.equals("exp")))
                    b.claim(k, new Date(seconds * 1000));
                else b.claim(k, v);
            });
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), b.build());
            jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private Api.Response session(String token) {
        return anonymous.post("/api/v1/widget/session", Map.of("token", token));
    }

    private static String email() {
        return unique("widget") + "@customer.example";
    }

    private static void refused(Api.Response r, String reason) {
        assertThat(r.status()).as(r.toString()).isEqualTo(401);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.get("reason")).as(r.toString()).isEqualTo(reason);
        assertThat(r.get("detail")).isNotBlank();
    }

    // ---- a session

    @Test
    void aValidTokenCreatesTheCustomerOnceAndAnswersAWorkingShortLivedBearerToken() {
        String email = email();
        Api.Response first = session(sign(secret, claims(email)));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.get("token")).startsWith("sdk_");
        assertThat(Instant.parse(first.get("expiresAt")))
                .isEqualTo(clock.instant()
                        .truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                        .plus(Duration.ofHours(1)));
        var user = first.json().get("user");
        assertThat(user.get("email").asString()).isEqualTo(email);
        assertThat(user.get("name").asString()).isEqualTo("Widget User");
        assertThat(user.get("role").asString()).isEqualTo("customer");
        assertThat(user.get("organizationId").asString()).isEqualTo(orgId);

        Api widget = anonymous.as(first.get("token"));
        Api.Response me = widget.get("/api/v1/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.get("email")).isEqualTo(email);

        // a second sign-in (a new token) is the same customer, not a new one
        Api.Response second = session(sign(secret, claims(email.toUpperCase())));
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(second.json().get("user").get("id").asString())
                .isEqualTo(user.get("id").asString());
        assertThat(db.sql("select count(*) from users where lower(email) = lower(?)")
                        .param(email)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // short-lived: an hour later the bearer token no longer works
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(widget.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void ticketsRaisedThroughTheWidgetHaveChannelWidgetAndThePromisesOfThePlan() {
        Api widget = anonymous.as(session(sign(secret, claims(email()))).get("token"));
        Api.Response t = widget.post(
                "/api/v1/tickets", Map.of("subject", "Checkout down", "description", "All stores", "severity", "P2"));
        assertThat(t.status()).as(t.toString()).isEqualTo(201);
        assertThat(t.get("channel")).isEqualTo("widget");
        assertThat(t.get("organizationId")).isEqualTo(orgId);
        assertThat(t.json().get("sla").get("firstResponse").get("dueAt").asString())
                .isNotBlank();
        assertThat(db.sql("select channel from tickets where id = ?::uuid")
                        .param(t.get("id"))
                        .query(String.class)
                        .single())
                .isEqualTo("widget");
        // the same customer through a plain API token: the API channel
        Api.Response plain = customer(orgId)
                .post("/api/v1/tickets", Map.of("subject", "Question", "description", "How do I", "severity", "P4"));
        assertThat(plain.get("channel")).isEqualTo("api");
        // and a widget customer cannot claim another channel
        Api.Response claimed =
                widget.post("/api/v1/tickets", Map.of("subject", "x", "description", "y", "channel", "email"));
        assertThat(claimed.status()).isEqualTo(400);
    }

    // ---- each refusal says which

    @Test
    void aForgedSignatureIsRefused() {
        String other = "sdw_" + "x".repeat(43);
        refused(session(sign(other, claims(email()))), "forged_signature");
        // nor does a signature change survive: the payload of one token with another's signature
        String good = sign(secret, claims(email()));
        String[] parts = good.split("\\.");
        String tampered = parts[0] + "." + sign(secret, claims(email())).split("\\.")[1] + "." + parts[2];
        refused(session(tampered), "forged_signature");
    }

    @Test
    void anExpiredTokenIsRefused() {
        Map<String, Object> c = claims(email());
        c.put("iat", clock.instant().minusSeconds(300).getEpochSecond());
        c.put("exp", clock.instant().minusSeconds(60).getEpochSecond());
        refused(session(sign(secret, c)), "expired");
    }

    @Test
    void aTokenIsUsedOnceOnly() {
        String token = sign(secret, claims(email()));
        assertThat(session(token).status()).isEqualTo(200);
        Api.Response again = session(token);
        refused(again, "replayed");
        assertThat(again.get("claim")).isEqualTo("jti");
        // the same jti in a new token is a replay too
        Map<String, Object> c = claims(email());
        c.put("jti", "fixed-" + externalId);
        assertThat(session(sign(secret, c)).status()).isEqualTo(200);
        c.put("exp", clock.instant().plusSeconds(400).getEpochSecond());
        refused(session(sign(secret, c)), "replayed");
        assertThat(db.sql("select count(*) from widget_token_uses where jti = ?")
                        .param("fixed-" + externalId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void anUnknownOrganizationIsRefused() {
        Map<String, Object> c = claims(email());
        c.put("org", "nobody-" + externalId);
        Api.Response r = session(sign(secret, c));
        refused(r, "unknown_organization");
        assertThat(r.get("claim")).isEqualTo("org");
    }

    @Test
    void eachMissingClaimIsNamed() {
        for (String claim : List.of("email", "name", "org", "iat", "exp", "jti")) {
            Map<String, Object> c = claims(email());
            c.remove(claim);
            Api.Response r = session(sign(secret, c));
            refused(r, "missing_claim");
            assertThat(r.get("claim")).as(claim).isEqualTo(claim);
            assertThat(r.get("detail")).contains("'" + claim + "'");
        }
    }

    @Test
    void anExpiryMoreThanTenMinutesAheadIsRefused() {
        Map<String, Object> c = claims(email());
        c.put("exp", clock.instant().plus(Duration.ofMinutes(11)).getEpochSecond());
        refused(session(sign(secret, c)), "expiry_too_far");
        // iat long ago and exp soon is still a token that lived too long
        c = claims(email());
        c.put("iat", clock.instant().minus(Duration.ofMinutes(20)).getEpochSecond());
        c.put("exp", clock.instant().plus(Duration.ofMinutes(2)).getEpochSecond());
        refused(session(sign(secret, c)), "expiry_too_far");
        // ten minutes exactly is allowed
        c = claims(email());
        c.put("exp", clock.instant().plus(Duration.ofMinutes(10)).getEpochSecond());
        assertThat(session(sign(secret, c)).status()).isEqualTo(200);
    }

    @Test
    void anUnsignedOrOtherwiseSignedTokenIsRefused() {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder();
        claims(email()).forEach((k, v) -> b.claim(k, v));
        refused(session(new PlainJWT(b.build()).serialize()), "wrong_algorithm");
        try {
            SignedJWT hs512 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), b.build());
            hs512.sign(new MACSigner((secret + secret).getBytes(StandardCharsets.UTF_8)));
            refused(session(hs512.serialize()), "wrong_algorithm");
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
        refused(session("not-a-jwt"), "malformed");
        Api.Response none = anonymous.post("/api/v1/widget/session", Map.of());
        refused(none, "malformed");
    }

    @Test
    void aTokenFromTheFutureOrWithBadClaimsIsRefused() {
        Map<String, Object> c = claims(email());
        c.put("iat", clock.instant().plusSeconds(120).getEpochSecond());
        c.put("exp", clock.instant().plusSeconds(300).getEpochSecond());
        refused(session(sign(secret, c)), "not_yet_valid");
        // within the 30 seconds clocks may differ, it is fine
        c = claims(email());
        c.put("iat", clock.instant().plusSeconds(20).getEpochSecond());
        assertThat(session(sign(secret, c)).status()).isEqualTo(200);

        c = claims("not-an-email");
        Api.Response r = session(sign(secret, c));
        refused(r, "invalid_claim");
        assertThat(r.get("claim")).isEqualTo("email");
        c = claims(email());
        c.put("name", "x".repeat(201));
        r = session(sign(secret, c));
        refused(r, "invalid_claim");
        assertThat(r.get("claim")).isEqualTo("name");
        c = claims(email());
        c.put("email", 42);
        r = session(sign(secret, c));
        refused(r, "invalid_claim");
        assertThat(r.get("claim")).isEqualTo("email");
        // nothing was created by the refused ones
        assertThat(db.sql("select count(*) from users where organization_id = ?::uuid")
                        .param(orgId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aDeactivatedCustomerIsRefused() {
        String email = email();
        Api.Response first = session(sign(secret, claims(email)));
        String userId = first.json().get("user").get("id").asString();
        Api widget = anonymous.as(first.get("token"));
        assertThat(admin.send("PATCH", "/api/v1/users/" + userId, "application/json", "{\"active\": false}", Map.of())
                        .status())
                .isEqualTo(200);
        refused(session(sign(secret, claims(email))), "deactivated");
        assertThat(widget.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void anEmailOfStaffOrOfAnotherOrganizationIsNeverTakenOver() {
        Api.Response staff = session(sign(secret, claims(ADMIN_EMAIL)));
        assertThat(staff.status()).as(staff.toString()).isEqualTo(409);
        assertThat(staff.get("reason")).isEqualTo("staff_email");

        String otherOrg = organization();
        Api other = customer(otherOrg);
        String otherEmail = other.get("/api/v1/me").get("email");
        Api.Response stolen = session(sign(secret, claims(otherEmail)));
        assertThat(stolen.status()).as(stolen.toString()).isEqualTo(409);
        assertThat(stolen.get("reason")).isEqualTo("other_organization");
        assertThat(other.get("/api/v1/me").get("organizationId")).isEqualTo(otherOrg);
    }

    @Test
    void aWidgetCustomerSeesOnlyTheirOrganization() {
        String otherOrg = organization();
        String theirs = ticket(customer(otherOrg), "P3");
        Api widget = anonymous.as(session(sign(secret, claims(email()))).get("token"));
        String mine = widget.post("/api/v1/tickets", Map.of("subject", "Mine", "description", "x", "severity", "P4"))
                .get("id");
        assertThat(widget.get("/api/v1/tickets/" + theirs).status()).isEqualTo(404);
        assertThat(widget.get("/api/v1/tickets/" + theirs + "/messages").status())
                .isEqualTo(404);
        assertThat(widget.post("/api/v1/tickets/" + theirs + "/messages", Map.of("body", "hi"))
                        .status())
                .isEqualTo(404);
        List<String> listed = fields(widget.get("/api/v1/tickets?limit=100"), "items", "organizationId");
        assertThat(listed).isNotEmpty().containsOnly(orgId);
        assertThat(fields(widget.get("/api/v1/tickets?limit=100"), "items", "id"))
                .contains(mine);
        assertThat(widget.get("/api/v1/organizations/" + otherOrg).status()).isEqualTo(404);
        // and a widget customer is no admin
        assertThat(widget.post("/api/v1/organizations/" + orgId + "/widget-secret", Map.of())
                        .status())
                .isEqualTo(403);
    }

    // ---- the secret and its rotation

    @Test
    void aRotatedSecretKeepsVerifyingForTwentyFourHoursThenStops() {
        String old = secret;
        Api.Response r = admin.post("/api/v1/organizations/" + orgId + "/widget-secret", Map.of());
        String fresh = r.get("secret");
        assertThat(fresh).startsWith("sdw_").isNotEqualTo(old);
        assertThat(fresh.length()).isGreaterThanOrEqualTo(47);
        assertThat(Instant.parse(r.get("previousValidUntil")))
                .isEqualTo(clock.instant()
                        .truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                        .plus(Duration.ofHours(24)));
        // the secret is answered once: nothing else shows it
        assertThat(admin.get("/api/v1/organizations/" + orgId).body())
                .doesNotContain(fresh)
                .doesNotContain(old);

        assertThat(session(sign(old, claims(email()))).status()).isEqualTo(200);
        assertThat(session(sign(fresh, claims(email()))).status()).isEqualTo(200);
        // this desk has no SLADESK_WIDGET_SECRET_KEY: stored as they are (WidgetDemoTests seals them)
        assertThat(db.sql("select secret from widget_secrets where organization_id = ?::uuid order by created_at")
                        .param(orgId)
                        .query(String.class)
                        .list())
                .containsExactly(old, fresh);
        clock.advance(Duration.ofHours(23).plusMinutes(59));
        assertThat(session(sign(old, claims(email()))).status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(2));
        refused(session(sign(old, claims(email()))), "forged_signature");
        assertThat(session(sign(fresh, claims(email()))).status()).isEqualTo(200);

        // rotating twice retires the oldest at once: only the newest and the one it replaced verify
        String third = newSecret(orgId);
        String fourth = newSecret(orgId);
        refused(session(sign(fresh, claims(email()))), "forged_signature");
        assertThat(session(sign(third, claims(email()))).status()).isEqualTo(200);
        assertThat(session(sign(fourth, claims(email()))).status()).isEqualTo(200);
    }

    @Test
    void onlyAdminsMakeSecrets() {
        assertThat(agent().post("/api/v1/organizations/" + orgId + "/widget-secret", Map.of())
                        .status())
                .isEqualTo(403);
        assertThat(customer(orgId)
                        .post("/api/v1/organizations/" + orgId + "/widget-secret", Map.of())
                        .status())
                .isEqualTo(403);
        assertThat(anonymous
                        .post("/api/v1/organizations/" + orgId + "/widget-secret", Map.of())
                        .status())
                .isEqualTo(401);
        assertThat(admin.post("/api/v1/organizations/" + UUID.randomUUID() + "/widget-secret", Map.of())
                        .status())
                .isEqualTo(404);
    }

    // ---- external id and origins

    private Api.Response patch(String org, String json) {
        return admin.send("PATCH", "/api/v1/organizations/" + org, "application/json", json, Map.of());
    }

    @Test
    void externalIdsAreCheckedAndUnique() {
        Api.Response bad = admin.post(
                "/api/v1/organizations", Map.of("name", unique("org"), "plan", "Pro", "externalId", "has space"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo("externalId");

        Api.Response taken = admin.post(
                "/api/v1/organizations", Map.of("name", unique("org"), "plan", "Pro", "externalId", externalId));
        assertThat(taken.status()).as(taken.toString()).isEqualTo(409);
        assertThat(taken.get("detail")).contains(externalId);

        String other = organization();
        assertThat(patch(other, "{\"externalId\": \"" + externalId.toUpperCase() + "\"}")
                        .status())
                .as("unique whatever the case")
                .isEqualTo(409);
        assertThat(patch(other, "{\"externalId\": \"-starts-with-dash\"}").status())
                .isEqualTo(400);
        assertThat(patch(other, "{\"externalId\": 42}").status()).isEqualTo(400);
        Api.Response set = patch(other, "{\"externalId\": \"" + externalId + "-2\"}");
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.get("externalId")).isEqualTo(externalId + "-2");
        // its own id again is no conflict; a rename keeps it
        assertThat(patch(other, "{\"externalId\": \"" + externalId + "-2\", \"name\": \"" + unique("renamed") + "\"}")
                        .get("externalId"))
                .isEqualTo(externalId + "-2");
        Api.Response cleared = patch(other, "{\"externalId\": null}");
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.get("externalId")).isNull();
        // nothing half-stored: a bad origin in the same request keeps the id unchanged
        Api.Response half = patch(other, "{\"externalId\": \"kept-out\", \"widgetOrigins\": [\"nope\"]}");
        assertThat(half.status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/organizations/" + other).get("externalId"))
                .isNull();
    }

    @Test
    void widgetOriginsAreSchemeHostAndPortOnly() {
        Api.Response bad = patch(
                orgId,
                "{\"widgetOrigins\": [\"https://ok.example.com\", \"https://app.example.com/path\","
                        + " \"ftp://files.example.com\", \"https://*.example.com\", \"https://a.example.com/\"]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(fields(bad, "errors", "field"))
                .containsExactly("widgetOrigins[1]", "widgetOrigins[2]", "widgetOrigins[3]", "widgetOrigins[4]");
        Api.Response ok = patch(
                orgId,
                "{\"widgetOrigins\": [\"HTTPS://App.Example.com:443\", \"http://localhost:3000\","
                        + " \"http://127.0.0.1:8081\"]}");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().get("widgetOrigins").values().stream()
                        .map(n -> n.asString())
                        .toList())
                .containsExactly("https://app.example.com", "http://localhost:3000", "http://127.0.0.1:8081");
    }

    // ---- the pages' side

    @Test
    void thePanelMayBeFramedOnlyByTheOrganizationsOrigins() {
        var panel = anonymous.get("/widget/panel?org=" + externalId + "&lang=en");
        assertThat(panel.status()).isEqualTo(200);
        String csp = panel.raw().headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("frame-ancestors https://app.example.com").contains("script-src 'self'");
        assertThat(csp).doesNotContain("unsafe-inline");
        assertThat(panel.raw().headers().firstValue("X-Frame-Options")).isEmpty();
        assertThat(panel.raw().headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(panel.body())
                .contains("data-origins=\"https://app.example.com\"")
                .doesNotContain("<script>");
        // an organization with no origins is framed nowhere
        String bare = organization();
        patch(bare, "{\"externalId\": \"" + externalId + "-bare\"}");
        assertThat(anonymous
                        .get("/widget/panel?org=" + externalId + "-bare")
                        .raw()
                        .headers()
                        .firstValue("Content-Security-Policy")
                        .orElseThrow())
                .endsWith("frame-ancestors 'none'");
        assertThat(anonymous.get("/widget/panel?org=nobody-at-all").status()).isEqualTo(404);
        // the pages keep refusing every frame
        assertThat(anonymous.get("/login").raw().headers().firstValue("X-Frame-Options"))
                .hasValue("DENY");
        // the panel speaks the host's language
        assertThat(anonymous
                        .get("/widget/panel?org=" + externalId + "&lang=zh-Hant-TW")
                        .body())
                .contains("客服中心", "lang=\"zh-TW\"");
    }

    @Test
    void theLoaderAndPanelWeighUnderThirtyKilobytesGzipped() throws Exception {
        long total = 0;
        for (String path :
                List.of("/widget.js", "/widget/panel.js", "/widget/panel.css", "/widget/panel?org=" + externalId)) {
            Api.Response r = anonymous.get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(r.body().getBytes(StandardCharsets.UTF_8));
            }
            assertThat(out.size()).as(path).isGreaterThan(200);
            total += out.size();
        }
        assertThat(total).as("loader, panel page, script and styles, gzipped").isLessThan(30 * 1024);
    }
}
