package io.sladesk.server.api;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.sladesk.server.account.Actor;
import io.sladesk.server.kb.Article;
import io.sladesk.server.kb.ArticleInput;
import io.sladesk.server.kb.Category;
import io.sladesk.server.kb.Hit;
import io.sladesk.server.kb.KbReport;
import io.sladesk.server.kb.KnowledgeBase;
import io.sladesk.server.kb.Reader;
import io.sladesk.server.kb.Revision;
import io.sladesk.server.policy.Policies;
import io.sladesk.server.sla.Clocks;
import io.sladesk.server.ticket.Ticket;
import io.sladesk.server.ticket.Tickets;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The knowledge base: articles (agents and admins write; anyone reads what their role may
 * see, with no token the public ones), search, suggestions for a ticket being written,
 * votes, "No, contact support", and the deflection report. An anonymous reader is told
 * apart by a cookie ({@value #COOKIE}) the desk sets, so each browser has one vote.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Knowledge base")
class KbController {
    static final String COOKIE = "sladesk_reader";

    private final KnowledgeBase kb;
    private final Tickets tickets;
    private final Clocks clocks;
    private final Policies policies;

    KbController(KnowledgeBase kb, Tickets tickets, Clocks clocks, Policies policies) {
        this.kb = kb;
        this.tickets = tickets;
        this.clocks = clocks;
        this.policies = policies;
    }

    record ArticleRequest(
            String title,
            String body,
            String language,
            String category,
            List<String> tags,
            String visibility,
            String status,
            String translationOf,
            @JsonAnySetter @Schema(hidden = true) Map<String, Object> unknown)
            implements StrictBody {
        ArticleInput input() {
            return new ArticleInput(title, body, language, category, tags, visibility, status, translationOf);
        }
    }

    record VoteRequest(
            Boolean helpful,
            String comment,
            @JsonAnySetter @Schema(hidden = true) Map<String, Object> unknown) implements StrictBody {}

    record SuggestRequest(
            String subject,
            String description,
            String language,
            Integer limit,
            @JsonAnySetter @Schema(hidden = true) Map<String, Object> unknown)
            implements StrictBody {}

    record ContactRequest(
            String subject,
            String description,
            String severity,
            @JsonAnySetter @Schema(hidden = true) Map<String, Object> unknown)
            implements StrictBody {}

    record CategoryView(String id, String name, Map<String, String> names) {
        static CategoryView of(Category c, String language) {
            return c == null ? null : new CategoryView(c.id().toString(), c.name(language), c.names());
        }
    }

    record TranslationView(String id, String language, String title) {}

    record VotesView(long yes, long no) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ArticleView(
            String id,
            String title,
            String body,
            String html,
            String language,
            List<TranslationView> translations,
            CategoryView category,
            List<String> tags,
            String visibility,
            String status,
            int revision,
            String authorId,
            VotesView votes,
            String createdAt,
            String updatedAt) {
        static ArticleView of(Article a) {
            return new ArticleView(
                    a.id().toString(),
                    a.title(),
                    a.body(),
                    a.html(),
                    a.language(),
                    a.translations().stream()
                            .map(t -> new TranslationView(t.id().toString(), t.language(), t.title()))
                            .toList(),
                    CategoryView.of(a.category(), a.language()),
                    a.tags(),
                    a.visibility(),
                    a.status(),
                    a.revision(),
                    Views.str(a.authorId()),
                    new VotesView(a.yes(), a.no()),
                    Views.instant(a.createdAt()),
                    Views.instant(a.updatedAt()));
        }
    }

    record HitView(
            String id,
            String title,
            String language,
            String categoryId,
            String snippet,
            double score,
            String updatedAt) {
        static HitView of(Hit h) {
            return new HitView(
                    h.id().toString(),
                    h.title(),
                    h.language(),
                    Views.str(h.categoryId()),
                    h.snippet(),
                    h.score(),
                    Views.instant(h.updatedAt()));
        }
    }

    record SuggestionView(String id, String title, String language, String snippet, double score) {}

    record Items<T>(List<T> items) {}

    @PostMapping("/kb/articles")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @Operation(summary = "Write an article (agents, admins); status defaults to published, visibility to public")
    ResponseEntity<ArticleView> create(@AuthenticationPrincipal Actor actor, @RequestBody ArticleRequest body) {
        Article a = kb.create(actor, body.input());
        return ResponseEntity.created(URI.create("/api/v1/kb/articles/" + a.id()))
                .body(ArticleView.of(a));
    }

    @PatchMapping("/kb/articles/{id}")
    @Operation(summary = "Change an article (agents, admins): fields left out are kept; each change is a new revision")
    ArticleView update(
            @AuthenticationPrincipal Actor actor, @PathVariable String id, @RequestBody ArticleRequest body) {
        return ArticleView.of(kb.update(actor, id, body.input()));
    }

    @GetMapping("/kb/articles/{id}")
    @Operation(
            summary = "An article the caller may see (no token: public ones); source=search|suggestion|direct"
                    + " records how an anonymous or customer reader came to it")
    ArticleView get(
            @AuthenticationPrincipal Actor actor,
            @PathVariable String id,
            @RequestParam(required = false) String source,
            HttpServletRequest request,
            HttpServletResponse response) {
        Reader reader = reader(actor, request, response);
        Article a = kb.get(reader, id);
        kb.view(reader, a.id(), source);
        return ArticleView.of(a);
    }

    @GetMapping("/kb/articles/{id}/revisions")
    @Operation(summary = "Every revision of an article, oldest first, with the fields each changed (agents, admins)")
    Items<Revision> revisions(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
        return new Items<>(kb.revisions(actor, id));
    }

    @GetMapping("/kb/articles")
    @Operation(
            summary = "Search published articles the caller may see, best first, each with a snippet whose matches"
                    + " are in <mark>; without q, the newest")
    Items<HitView> search(
            @AuthenticationPrincipal Actor actor,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String language,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) Integer limit) {
        return new Items<>(kb.search(Reader.of(actor, null), q, language, category, limit).stream()
                .map(HitView::of)
                .toList());
    }

    @GetMapping("/kb/categories")
    @Operation(summary = "The help centre's categories")
    Items<CategoryView> categories(
            @AuthenticationPrincipal Actor actor, @RequestParam(required = false) String language) {
        return new Items<>(kb.categories(Reader.of(actor, null)).stream()
                .map(c -> CategoryView.of(c, language == null ? "en" : language))
                .toList());
    }

    @PostMapping("/kb/articles/{id}/votes")
    @Operation(
            summary = "\"Did this answer your question?\": one vote per user (or, with no token, per browser cookie)"
                    + " per revision; voting again changes it")
    KnowledgeBase.Votes vote(
            @AuthenticationPrincipal Actor actor,
            @PathVariable String id,
            @RequestBody VoteRequest body,
            HttpServletRequest request,
            HttpServletResponse response) {
        return kb.vote(reader(actor, request, response), id, body.helpful(), body.comment());
    }

    @PostMapping("/kb/suggest")
    @Operation(summary = "The articles most likely to answer a ticket being written")
    Items<SuggestionView> suggest(@AuthenticationPrincipal Actor actor, @RequestBody SuggestRequest body) {
        return new Items<>(
                kb
                        .suggest(
                                Reader.of(actor, null),
                                body.subject(),
                                body.description(),
                                body.language(),
                                body.limit())
                        .stream()
                        .map(h ->
                                new SuggestionView(h.id().toString(), h.title(), h.language(), h.snippet(), h.score()))
                        .toList());
    }

    @PostMapping("/kb/articles/{id}/contact")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @Operation(summary = "\"No, contact support\" (customers): a ticket whose context is the article")
    ResponseEntity<Views.TicketView> contact(
            @AuthenticationPrincipal Actor actor, @PathVariable String id, @RequestBody ContactRequest body) {
        Ticket t = kb.contact(actor, id, body.subject(), body.description(), body.severity());
        Ticket fresh = tickets.get(actor, t.id().toString());
        return ResponseEntity.created(URI.create("/api/v1/tickets/" + t.id()))
                .body(Views.TicketView.of(
                        fresh,
                        actor,
                        clocks.views(List.of(fresh.id())).get(fresh.id()),
                        tickets.followers(actor, fresh.id()),
                        policies::targetJson));
    }

    @GetMapping("/reports/kb")
    @Operation(
            summary = "Per article: reads, votes, helpfulness, tickets raised after reading and the deflection rate,"
                    + " over from..to (ISO instants or dates; default the last 30 days) (agents, admins)")
    KbReport report(
            @AuthenticationPrincipal Actor actor,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return kb.report(actor, from, to);
    }

    /**
     * The reader of a request: the token's user, else the browser of the cookie, set here
     * when the browser has none yet (a random id, so one browser cannot pose as another).
     */
    static Reader reader(Actor actor, HttpServletRequest request, HttpServletResponse response) {
        if (actor != null) return Reader.of(actor, null);
        return Reader.of(null, browser(request, response));
    }

    static UUID browser(HttpServletRequest request, HttpServletResponse response) {
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
}
