package io.sladesk.server.kb;

import io.sladesk.server.account.Actor;
import io.sladesk.server.platform.Checks;
import io.sladesk.server.platform.Ids;
import io.sladesk.server.platform.Problems.Forbidden;
import io.sladesk.server.platform.Problems.InvalidInput;
import io.sladesk.server.platform.Problems.NotFound;
import io.sladesk.server.ticket.NewTicket;
import io.sladesk.server.ticket.Ticket;
import io.sladesk.server.ticket.TicketEvents.TicketCreated;
import io.sladesk.server.ticket.Tickets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The knowledge base's facade. Agents and admins write articles; everyone reads what their
 * role may see (anonymous readers: public articles; customers: public and customers-only;
 * staff: everything, drafts included). An article a reader may not see is "not found".
 */
@Service
public class KnowledgeBase {
    static final Set<String> LANGUAGES = Set.of("en", "zh-TW");
    static final Set<String> VISIBILITIES = Set.of("public", "customers", "internal");
    static final Set<String> STATUSES = Set.of("draft", "published");
    static final int TITLE_LIMIT = 250;
    static final int BODY_LIMIT = 100_000;
    static final int TAG_LIMIT = 50;
    static final int TAGS_LIMIT = 20;
    static final int COMMENT_LIMIT = 2_000;
    static final int QUERY_LIMIT = 500;

    /** Reads within this time before a ticket count as "read, then raised a ticket anyway". */
    public static final Duration WINDOW = Duration.ofHours(24);

    /** The same reader reading the same article the same way again within this time is the same read. */
    static final Duration SAME_READ = Duration.ofMinutes(30);

    private static final Set<String> SOURCES = Set.of("search", "suggestion", "direct");

    private final KbStore store;
    private final Search search;
    private final Tickets tickets;
    private final Clock clock;

    KnowledgeBase(KbStore store, Search search, Tickets tickets, Clock clock) {
        this.store = store;
        this.search = search;
        this.tickets = tickets;
        this.clock = clock;
    }

    // ---- writing

    @Transactional
    public Article create(Actor actor, ArticleInput in) {
        writer(actor);
        Checks checks = Checks.start();
        String title = checks.text("title", in.title(), TITLE_LIMIT);
        String body = checks.multiLineText("body", in.body(), BODY_LIMIT);
        String language = oneOf(checks, "language", in.language(), LANGUAGES, true);
        String visibility = oneOf(checks, "visibility", in.visibility(), VISIBILITIES, false);
        String status = oneOf(checks, "status", in.status(), STATUSES, false);
        List<String> tags = tags(checks, in.tags());
        UUID group = UUID.randomUUID();
        if (in.translationOf() != null) {
            Optional<KbStore.Row> original = Ids.parse(in.translationOf()).flatMap(store::find);
            if (original.isEmpty()) {
                checks.add("translationOf", "no article with id '" + in.translationOf() + "'");
            } else {
                group = original.get().group();
                if (language != null
                        && store.group(group).stream()
                                .anyMatch(a -> a.language().equals(language))) {
                    checks.add("translationOf", "that article already has a translation in " + language);
                }
            }
        }
        Category category = category(checks, in.category());
        checks.orThrow();
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        store.insert(new KbStore.Row(
                id,
                group,
                language,
                category == null ? null : category.id(),
                visibility == null ? "public" : visibility,
                status == null ? "published" : status,
                1,
                title,
                body,
                tags == null ? List.of() : tags,
                actor.userId(),
                now,
                now));
        return article(store.find(id).orElseThrow(), Reader.of(actor, null));
    }

    /** A change makes a new revision; the ones before stay as they were. */
    @Transactional
    public Article update(Actor actor, String id, ArticleInput in) {
        writer(actor);
        KbStore.Row a = Ids.parse(id).flatMap(store::lock).orElseThrow(() -> notFound(id));
        Checks checks = Checks.start();
        String title = in.title() == null ? a.title() : checks.text("title", in.title(), TITLE_LIMIT);
        String body = in.body() == null ? a.body() : checks.multiLineText("body", in.body(), BODY_LIMIT);
        String language =
                in.language() == null ? a.language() : oneOf(checks, "language", in.language(), LANGUAGES, true);
        String visibility = in.visibility() == null
                ? a.visibility()
                : oneOf(checks, "visibility", in.visibility(), VISIBILITIES, true);
        String status = in.status() == null ? a.status() : oneOf(checks, "status", in.status(), STATUSES, true);
        List<String> tags = in.tags() == null ? a.tags() : tags(checks, in.tags());
        if (in.translationOf() != null) {
            checks.add("translationOf", "is set when an article is created; it cannot be changed");
        }
        if (language != null
                && !language.equals(a.language())
                && store.group(a.group()).stream().anyMatch(o -> o.language().equals(language))) {
            checks.add("language", "a translation of this article in " + language + " exists already");
        }
        UUID categoryId = a.categoryId();
        if (in.category() != null) {
            Category c = in.category().isBlank() ? null : category(checks, in.category());
            categoryId = c == null ? null : c.id();
        }
        checks.orThrow();
        store.update(new KbStore.Row(
                a.id(),
                a.group(),
                language,
                categoryId,
                visibility,
                status,
                a.revision() + 1,
                title,
                body,
                tags,
                actor.userId(),
                a.createdAt(),
                clock.instant()));
        return article(store.find(a.id()).orElseThrow(), Reader.of(actor, null));
    }

    public List<Revision> revisions(Actor actor, String id) {
        writer(actor);
        KbStore.Row a = Ids.parse(id).flatMap(store::find).orElseThrow(() -> notFound(id));
        return store.revisions(a.id());
    }

    /** The Markdown as an article page shows it: raw HTML escaped, unsafe links dropped. */
    public String preview(String markdown) {
        return Markdown.html(markdown);
    }

    private static void writer(Actor actor) {
        if (actor == null || !actor.isStaff()) {
            throw new Forbidden("Only agents and admins write knowledge-base articles");
        }
    }

    private static String oneOf(Checks checks, String field, String value, Set<String> allowed, boolean required) {
        if (value == null) {
            if (required) checks.add(field, "is required; one of " + new java.util.TreeSet<>(allowed));
            return null;
        }
        if (!allowed.contains(value)) {
            checks.add(field, "must be one of " + new java.util.TreeSet<>(allowed));
            return null;
        }
        return value;
    }

    private static List<String> tags(Checks checks, List<String> tags) {
        if (tags == null) return null;
        if (tags.size() > TAGS_LIMIT) {
            checks.add("tags", "has " + tags.size() + " tags; the limit is " + TAGS_LIMIT);
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < tags.size(); i++) {
            String t = checks.text("tags[" + i + "]", tags.get(i), TAG_LIMIT);
            if (t != null && !out.contains(t.trim())) out.add(t.trim());
        }
        return out;
    }

    /** A category by id, or by English name (made when new, named the same in both languages until renamed). */
    private Category category(Checks checks, String value) {
        if (value == null) return null;
        Optional<UUID> id = Ids.parse(value);
        if (id.isPresent()) {
            Optional<Category> c = store.category(id.get());
            if (c.isEmpty()) checks.add("category", "no category with id '" + value + "'");
            return c.orElse(null);
        }
        String name = checks.text("category", value, 100);
        if (name == null) return null;
        return store.categoryNamed(name.trim())
                .orElseGet(() -> store.insertCategory(Map.of("en", name.trim()), 100, clock.instant()));
    }

    // ---- reading

    public Article get(Reader reader, String id) {
        return article(visible(reader, id), reader);
    }

    public Optional<Article> find(Reader reader, UUID id) {
        return store.find(id).filter(a -> sees(reader, a)).map(a -> article(a, reader));
    }

    private KbStore.Row visible(Reader reader, String id) {
        return Ids.parse(id).flatMap(store::find).filter(a -> sees(reader, a)).orElseThrow(() -> notFound(id));
    }

    private static boolean sees(Reader reader, KbStore.Row a) {
        return reader.visibilities().contains(a.visibility()) && (a.status().equals("published") || reader.staff());
    }

    private static NotFound notFound(String id) {
        return new NotFound("No article " + id);
    }

    private Article article(KbStore.Row a, Reader reader) {
        List<Article.Translation> translations = store.group(a.group()).stream()
                .filter(o -> !o.id().equals(a.id()))
                .filter(o -> sees(reader, o))
                .map(o -> new Article.Translation(o.id(), o.language(), o.title()))
                .toList();
        long[] votes = store.votes(a.id(), a.revision());
        return new Article(
                a.id(),
                a.title(),
                a.body(),
                Markdown.html(a.body()),
                a.language(),
                translations,
                a.categoryId() == null ? null : store.category(a.categoryId()).orElse(null),
                a.tags(),
                a.visibility(),
                a.status(),
                a.revision(),
                a.authorId(),
                votes[0],
                votes[1],
                a.createdAt(),
                a.updatedAt());
    }

    /** Every category, for the writers' forms. */
    public List<Category> categories() {
        return store.categories();
    }

    /**
     * The categories holding at least one published article this reader may see: a
     * category of internal articles only is itself internal, never named to customers or
     * anonymous readers. Staff see every category.
     */
    public List<Category> categories(Reader reader) {
        if (reader.staff()) return store.categories();
        return store.categoriesWith(reader.visibilities());
    }

    /**
     * Published articles the reader may see that match the query, best first; with no
     * query, the newest ones (a category's list).
     */
    public List<Hit> search(Reader reader, String q, String language, String category, Integer limit) {
        Checks checks = Checks.start();
        String query = q == null || q.isBlank() ? null : checks.optionalText("q", q.trim(), QUERY_LIMIT);
        if (language != null && !LANGUAGES.contains(language)) checks.add("language", "must be one of [en, zh-TW]");
        UUID categoryId = null;
        if (category != null && !category.isBlank()) {
            categoryId = Ids.parse(category)
                    .or(() -> store.categoryNamed(category).map(Category::id))
                    // a category the reader may not see is as unknown as one that does not exist
                    .filter(id -> categories(reader).stream().anyMatch(c -> c.id().equals(id)))
                    .orElse(null);
            if (categoryId == null) checks.add("category", "no category with id or name '" + category + "'");
        }
        int n = limit == null ? 20 : limit;
        if (n < 1 || n > 100) checks.add("limit", "must be between 1 and 100");
        checks.orThrow();
        if (query == null) return latest(reader, language, categoryId, n);
        return search.find(query, reader.visibilities(), language, categoryId, n, false);
    }

    private List<Hit> latest(Reader reader, String language, UUID category, int limit) {
        StringBuilder sql = new StringBuilder(
                "select id, title, language, category_id, visibility, updated_at, plain from kb_articles"
                        + " where status = 'published' and visibility = any(?)");
        List<Object> params = new ArrayList<>();
        params.add(reader.visibilities().toArray(String[]::new));
        if (language != null) {
            sql.append(" and language = ?");
            params.add(language);
        }
        if (category != null) {
            sql.append(" and category_id = ?");
            params.add(category);
        }
        sql.append(" order by updated_at desc, id limit ?");
        params.add(limit);
        return store.db()
                .sql(sql.toString())
                .params(params)
                .query((rs, i) -> new Hit(
                        rs.getObject("id", UUID.class),
                        rs.getString("title"),
                        rs.getString("language"),
                        rs.getObject("category_id", UUID.class),
                        rs.getString("visibility"),
                        Search.snippet(rs.getString("plain"), List.of(), List.of(), new String[0]),
                        0,
                        rs.getTimestamp("updated_at").toInstant()))
                .list();
    }

    /** The articles most likely to answer a ticket being written: any of its words may match. */
    public List<Hit> suggest(Reader reader, String subject, String description, String language, Integer limit) {
        Checks checks = Checks.start();
        String s = checks.optionalText("subject", subject, 250);
        String d = description == null || description.isBlank()
                ? null
                : checks.multiLineText("description", description, 100_000);
        if (language != null && !LANGUAGES.contains(language)) checks.add("language", "must be one of [en, zh-TW]");
        int n = limit == null ? 5 : limit;
        if (n < 1 || n > 20) checks.add("limit", "must be between 1 and 20");
        if ((s == null || s.isBlank())
                && (d == null || d.isBlank())
                && checks.ok("subject")
                && checks.ok("description")) checks.add("subject", "subject or description is required");
        checks.orThrow();
        String text = ((s == null ? "" : s) + "\n" + (d == null ? "" : d));
        // the subject says most: it is read twice
        text = (s == null ? "" : s) + "\n" + text;
        if (text.length() > 4_000) text = text.substring(0, 4_000);
        return search.find(text, reader.visibilities(), language, null, n, true);
    }

    // ---- votes, reads, contact

    public record Votes(long yes, long no, boolean helpful) {}

    /**
     * "Did this answer your question?": one vote per reader (user, else browser) per
     * revision; voting again changes it. A signed-in user's vote is stored as theirs, with
     * their organization, whatever browser cookie comes with it.
     */
    @Transactional
    public Votes vote(Reader reader, String id, Boolean helpful, String comment) {
        KbStore.Row a = visible(reader, id);
        if (!a.status().equals("published")) throw new InvalidInput("status", "drafts take no votes");
        Checks checks = Checks.start();
        if (helpful == null) checks.add("helpful", "is required: true or false");
        String c =
                comment == null || comment.isBlank() ? null : checks.multiLineText("comment", comment, COMMENT_LIMIT);
        checks.orThrow();
        String key = reader.key();
        if (key == null) throw new IllegalStateException("a reader without a user or a browser id");
        Actor actor = reader.actor();
        store.vote(
                a.id(),
                a.revision(),
                key,
                actor == null ? null : actor.userId(),
                actor == null ? null : actor.organizationId(),
                helpful,
                c == null || c.isBlank() ? null : c,
                clock.instant());
        long[] v = store.votes(a.id(), a.revision());
        return new Votes(v[0], v[1], helpful);
    }

    /** A read of an article, and how the reader came to it (search, suggestion, direct). */
    @Transactional
    public void view(Reader reader, UUID id, String source) {
        String key = reader.key();
        if (key == null || reader.staff()) return; // staff reading their own help centre is no deflection
        String how = source != null && SOURCES.contains(source) ? source : "direct";
        Instant now = clock.instant();
        Actor actor = reader.actor();
        store.view(
                id,
                key,
                actor == null ? null : actor.userId(),
                actor == null ? null : actor.organizationId(),
                how,
                now,
                now.minus(SAME_READ));
    }

    /**
     * "No, contact support": a ticket of the customer's whose context is the article. The
     * read that led to it counts as read, then raised a ticket.
     */
    @Transactional
    public Ticket contact(Actor actor, String id, String subject, String description, String severity) {
        return contact(actor, id, subject, description, severity, null);
    }

    /** {@link #contact} from a page: the ticket records where it arrived ({@code null}: the API). */
    @Transactional
    public Ticket contact(
            Actor actor,
            String id,
            String subject,
            String description,
            String severity,
            io.sladesk.server.ticket.Channel arrivedBy) {
        if (actor == null || actor.isStaff()) {
            throw new Forbidden("Customers contact support from an article; agents open tickets with /api/v1/tickets");
        }
        Reader reader = Reader.of(actor, null);
        KbStore.Row a = visible(reader, id);
        view(reader, a.id(), "direct");
        return tickets.create(
                        actor,
                        new NewTicket(subject, description, severity, null, null, null, null, a.id()),
                        null,
                        arrivedBy)
                .ticket();
    }

    /** A new ticket: its requester's reads in the window before it were followed by a ticket. */
    @EventListener
    void on(TicketCreated e) {
        if (e.imported()) return;
        Instant at = e.ticket().createdAt();
        store.ticketRaised(e.ticket().requesterId(), e.ticket().id(), at, at.minus(WINDOW));
    }

    // ---- the report

    public KbReport report(Actor actor, String from, String to) {
        if (actor == null || !actor.isStaff())
            throw new Forbidden("Only agents and admins read the knowledge-base report");
        Checks checks = Checks.start();
        Instant now = clock.instant();
        Instant end = instant(checks, "to", to, true);
        Instant start = instant(checks, "from", from, false);
        for (String[] f : new String[][] {{"from", from}, {"to", to}}) {
            Instant i = f[0].equals("from") ? start : end;
            // PostgreSQL keeps years 4713 BC to 294276 AD; the report's window is within a sane range
            if (i != null
                    && (i.isBefore(Instant.parse("1970-01-01T00:00:00Z"))
                            || i.isAfter(Instant.parse("9999-12-31T23:59:59Z"))))
                checks.add(f[0], "must be between 1970-01-01 and 9999-12-31");
        }
        checks.orThrow();
        if (end == null) end = now;
        if (start == null) start = end.minus(Duration.ofDays(30));
        if (!start.isBefore(end)) throw new InvalidInput("from", "must be before to");
        return Reports.of(store.db(), start, end, now, WINDOW);
    }

    /** An ISO instant, or a date (UTC): as a start, its first moment; as an end, the next day's. */
    private static Instant instant(Checks checks, String field, String value, boolean end) {
        if (value == null || value.isBlank()) return null;
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                LocalDate d = LocalDate.parse(value);
                return (end ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                checks.add(field, "must be an ISO-8601 instant (2026-03-01T00:00:00Z) or a date (2026-03-01)");
                return null;
            }
        }
    }
}
