package io.sladesk.server.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.User;
import io.sladesk.server.account.WidgetSettings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code SLADESK_DEMO=true}: a fake product ("Acme Inventory") that embeds the widget the
 * way a customer's product would, with the snippet to copy. Its "backend" is this
 * controller: it signs the demo customer's identity token with the demo organization's
 * widget secret, exactly what a host's server does (see the README).
 */
@Controller
@ConditionalOnBooleanProperty("sladesk.demo")
class WidgetDemo {
    private final Accounts accounts;
    private final WidgetSettings settings;
    private final Clock clock;

    WidgetDemo(Accounts accounts, WidgetSettings settings, Clock clock) {
        this.accounts = accounts;
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping("/widget/demo")
    String demo(HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setHeader(
                "Content-Security-Policy",
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
                        + " frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
        response.setHeader("X-Frame-Options", "DENY");
        String origin = WidgetPages.ownOrigin(request);
        Optional<UUID> org = settings.organizationByExternalId(DemoDesk.WIDGET_ORGANIZATION);
        Optional<User> user = accounts.userByEmail(DemoDesk.WIDGET_USER);
        List<String> secrets = org.map(settings::liveSecrets).orElse(List.of());
        model.addAttribute("ready", org.isPresent() && user.isPresent() && !secrets.isEmpty());
        model.addAttribute("org", DemoDesk.WIDGET_ORGANIZATION);
        model.addAttribute("origin", origin);
        model.addAttribute(
                "snippet",
                "<script src=\"" + origin + "/widget.js\" data-sladesk-org=\"" + DemoDesk.WIDGET_ORGANIZATION
                        + "\" async></script>\n<script>\n  // once your user is signed in: a token your backend signed\n"
                        + "  window.addEventListener('sladesk:ready', () => Sladesk.identify(tokenFromYourBackend));\n"
                        + "</script>");
        model.addAttribute(
                "token",
                org.isPresent() && user.isPresent() && !secrets.isEmpty() ? token(secrets.get(0), user.get()) : "");
        return "widget/demo";
    }

    /** What a host's backend does: a token for one sign-in, valid five minutes. */
    private String token(String secret, User user) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim("email", user.email())
                .claim("name", user.name())
                .claim("org", DemoDesk.WIDGET_ORGANIZATION)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException("a widget secret is 256 bits: long enough for HS256", e);
        }
        return jwt.serialize();
    }
}
