package io.sladesk.server.web;

import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.Organization;
import io.sladesk.server.account.WidgetSettings;
import io.sladesk.server.identity.WidgetRefused;
import io.sladesk.server.kernel.Severity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The widget's panel page, framed by the host product: its {@code frame-ancestors} lists the
 * organization's widget origins (and the desk itself for the demo organization in demo
 * mode), so a browser refuses to show it anywhere else; its scripts and styles come only
 * from the desk. The page holds nothing of the customer's: that arrives by the API once
 * the host has identified them.
 */
@Controller
class WidgetPages {
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors ";

    private final Accounts accounts;
    private final WidgetSettings settings;
    private final boolean demo;

    WidgetPages(Accounts accounts, WidgetSettings settings, @Value("${sladesk.demo:false}") boolean demo) {
        this.accounts = accounts;
        this.settings = settings;
        this.demo = demo;
    }

    @GetMapping("/widget/panel")
    String panel(
            @RequestParam(defaultValue = "") String org,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Optional<Organization> found = settings.organizationByExternalId(org).flatMap(accounts::organization);
        List<String> ancestors =
                new ArrayList<>(found.map(Organization::widgetOrigins).orElse(List.of()));
        boolean self = found.isPresent() && demo && DemoDesk.WIDGET_ORGANIZATION.equals(org);
        if (found.isEmpty()) {
            // a page that only says the widget is not set up may show anywhere, so the host sees why
            response.setStatus(404);
            response.setHeader("Content-Security-Policy", POLICY + "*");
        } else {
            String list = String.join(" ", ancestors);
            if (self) list = (list + " 'self'").strip();
            response.setHeader("Content-Security-Policy", POLICY + (list.isEmpty() ? "'none'" : list));
        }
        // postMessage is checked against the same origins (and the desk's own, where it may frame it)
        if (self) ancestors.add(ownOrigin(request));
        model.addAttribute("known", found.isPresent());
        model.addAttribute("externalId", org);
        model.addAttribute("origins", String.join(" ", ancestors));
        model.addAttribute("severities", Severity.values());
        model.addAttribute("statuses", List.of("new", "open", "pending", "on_hold", "solved", "closed"));
        model.addAttribute(
                "reasons",
                Arrays.stream(WidgetRefused.Reason.values())
                        .map(WidgetRefused.Reason::wire)
                        .toList());
        return "widget/panel";
    }

    /** The desk's origin as the browser sees it (behind a proxy: with forward headers honoured). */
    static String ownOrigin(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean standard = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + request.getServerName() + (standard ? "" : ":" + port);
    }
}
