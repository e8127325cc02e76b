package io.sladesk.server.web;

import io.sladesk.server.kb.Article;
import io.sladesk.server.kb.Category;
import io.sladesk.server.kb.Hit;
import io.sladesk.server.kb.KnowledgeBase;
import io.sladesk.server.kb.Reader;
import io.sladesk.server.kernel.Severity;
import io.sladesk.server.platform.Problems;
import io.sladesk.server.ticket.Ticket;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public help centre at /help: categories, search, article pages with "Did this answer
 * your question?", and "No" leading to a contact form filled in from the article. Anyone
 * may read what their role may see; sending the form needs a customer's sign-in. An
 * anonymous reader is told apart by the same cookie the API sets, so each browser votes once.
 */
@Controller
class HelpCentre {
    static final String COOKIE = "sladesk_reader";

    private final KnowledgeBase kb;
    private final Pages pages;

    HelpCentre(KnowledgeBase kb, Pages pages) {
        this.kb = kb;
        this.pages = pages;
    }

    static String language(Viewer viewer, HttpServletRequest request) {
        if (viewer != null) return viewer.language();
        Object l = request.getAttribute(PageLocales.ATTRIBUTE);
        return l instanceof Locale locale && locale.getLanguage().equals("zh") ? "zh-TW" : "en";
    }

    static Reader reader(Viewer viewer, HttpServletRequest request, HttpServletResponse response) {
        if (viewer != null) return Reader.of(viewer.actor(), null);
        return Reader.of(null, browser(request, response));
    }

    private static UUID browser(HttpServletRequest request, HttpServletResponse response) {
        if (request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if (COOKIE.equals(c.getName())) {
                    var id = io.sladesk.server.platform.Ids.parse(c.getValue());
                    if (id.isPresent()) return id.get();
                }
            }
        }
        UUID id = UUID.randomUUID();
        response.addHeader(
                "Set-Cookie",
                org.springframework.http.ResponseCookie.from(COOKIE, id.toString())
                        .path("/")
                        .httpOnly(true)
                        .sameSite("Lax")
                        .secure(request.isSecure())
                        .maxAge(java.time.Duration.ofDays(365))
                        .build()
                        .toString());
        return id;
    }

    /** A category with its name in the page's language, and its articles. */
    record Shelf(Category category, String name, List<Hit> articles) {}

    @GetMapping("/help")
    String index(
            @RequestAttribute(name = Viewer.ATTRIBUTE, required = false) Viewer viewer,
            @RequestParam(required = false) String q,
            HttpServletRequest request,
            Model model) {
        String lang = language(viewer, request);
        Reader reader = Reader.of(viewer == null ? null : viewer.actor(), null);
        String query = q == null ? "" : q.strip();
        if (query.length() > 500) query = query.substring(0, 500);
        model.addAttribute("q", query);
        model.addAttribute("results", query.isEmpty() ? null : kb.search(reader, query, null, null, 20));
        List<Shelf> shelves = new java.util.ArrayList<>();
        if (query.isEmpty()) {
            for (Category c : kb.categories(reader)) {
                List<Hit> in = kb.search(reader, null, lang, c.id().toString(), 50);
                if (in.isEmpty()) in = kb.search(reader, null, null, c.id().toString(), 50);
                if (!in.isEmpty()) shelves.add(new Shelf(c, c.name(lang), in));
            }
        }
        model.addAttribute("shelves", shelves);
        return "help/index";
    }

    @GetMapping("/help/articles/{id}")
    String article(
            @RequestAttribute(name = Viewer.ATTRIBUTE, required = false) Viewer viewer,
            @PathVariable String id,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(required = false) String voted,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Reader reader = reader(viewer, request, response);
        Article a = kb.get(reader, id);
        kb.view(reader, a.id(), from);
        model.addAttribute("article", a);
        model.addAttribute(
                "categoryName", a.category() == null ? null : a.category().name(language(viewer, request)));
        model.addAttribute("voted", voted);
        return "help/article";
    }

    @PostMapping("/help/articles/{id}/vote")
    String vote(
            @RequestAttribute(name = Viewer.ATTRIBUTE, required = false) Viewer viewer,
            @PathVariable String id,
            @RequestParam(defaultValue = "") String helpful,
            HttpServletRequest request,
            HttpServletResponse response) {
        Reader reader = reader(viewer, request, response);
        boolean yes = helpful.equals("yes");
        if (!yes && !helpful.equals("no")) throw new Problems.InvalidInput("helpful", "must be yes or no");
        Article a = kb.get(reader, id);
        kb.vote(reader, a.id().toString(), yes, null);
        return yes
                ? "redirect:/help/articles/" + a.id() + "?voted=yes"
                : "redirect:/help/articles/" + a.id() + "/contact";
    }

    /** "No": a ticket form filled in from the article (a customer sends it; others are asked to sign in). */
    @GetMapping("/help/articles/{id}/contact")
    String contactForm(
            @RequestAttribute(name = Viewer.ATTRIBUTE, required = false) Viewer viewer,
            @PathVariable String id,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Article a = kb.get(reader(viewer, request, response), id);
        Locale locale = PageLanguages.locale(language(viewer, request));
        model.addAttribute("article", a);
        model.addAttribute("subject", trim(pages.say("kb.contact.subjectFrom", locale, a.title()), 250));
        model.addAttribute("description", pages.say("kb.contact.descriptionFrom", locale, a.title()) + "\n\n");
        model.addAttribute("severity", "");
        model.addAttribute("severities", Severity.values());
        model.addAttribute("customer", viewer != null && !viewer.staff());
        return "help/contact";
    }

    private static String trim(String s, int n) {
        return s.length() > n ? s.substring(0, n) : s;
    }

    @PostMapping("/help/articles/{id}/contact")
    String contact(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @PathVariable String id,
            @RequestParam(defaultValue = "") String subject,
            @RequestParam(defaultValue = "") String description,
            @RequestParam(defaultValue = "") String severity,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        try {
            // the help centre's form is a page of the portal: its tickets arrive by the portal
            Ticket t = kb.contact(
                    viewer.actor(),
                    id,
                    subject,
                    description,
                    severity.isEmpty() ? null : severity,
                    io.sladesk.server.ticket.Channel.PORTAL);
            return "redirect:/portal/tickets/" + t.number();
        } catch (Problems.InvalidInput e) {
            response.setStatus(400);
            model.addAttribute("error", pages.problem(e, viewer.locale()));
            model.addAttribute("article", kb.get(Reader.of(viewer.actor(), null), id));
            model.addAttribute("subject", subject);
            model.addAttribute("description", description);
            model.addAttribute("severity", severity);
            model.addAttribute("severities", Severity.values());
            model.addAttribute("customer", true);
            return "help/contact";
        }
    }

    // ---- suggestions while a ticket is written (portal) and beside a ticket (console)

    @PostMapping("/portal/tickets/new/articles")
    String suggestions(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @RequestParam(defaultValue = "") String subject,
            @RequestParam(defaultValue = "") String description,
            Model model) {
        model.addAttribute("suggested", suggest(Reader.of(viewer.actor(), null), subject, description));
        return "help/fragments :: suggestions";
    }

    private List<Hit> suggest(Reader reader, String subject, String description) {
        String s = subject.length() > 250 ? subject.substring(0, 250) : subject;
        String d = description.length() > 4_000 ? description.substring(0, 4_000) : description;
        if (s.isBlank() && d.isBlank()) return List.of();
        try {
            return kb.suggest(
                    reader, s.replaceAll("\\p{Cntrl}", " "), d.replaceAll("[\\p{Cntrl}&&[^\n\t]]", " "), null, 5);
        } catch (Problems.InvalidInput e) {
            return List.of(); // half-typed text a ticket would refuse suggests nothing
        }
    }

    @GetMapping("/console/tickets/{number}/articles")
    String forTicket(@RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer, @PathVariable long number, Model model) {
        Ticket t = pages.ticket(viewer, number);
        Reader reader = Reader.of(viewer.actor(), null);
        model.addAttribute(
                "context",
                t.contextArticleId() == null
                        ? null
                        : kb.find(reader, t.contextArticleId()).orElse(null));
        // agents link customers to what customers may read: public and customers-only articles
        List<Hit> hits = suggest(reader, t.subject(), t.description()).stream()
                .filter(h -> !h.visibility().equals("internal"))
                .toList();
        model.addAttribute("suggested", hits);
        return "help/fragments :: agent";
    }
}
