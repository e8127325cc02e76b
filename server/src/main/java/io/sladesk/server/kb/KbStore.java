package io.sladesk.server.kb;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The kb module's tables: articles with their search index, revisions, categories, votes and reads. */
@Repository
class KbStore {
    private final JdbcClient db;
    private final JsonMapper json;

    KbStore(JdbcClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** An article's row as stored (its current revision). */
    record Row(
            UUID id,
            UUID group,
            String language,
            UUID categoryId,
            String visibility,
            String status,
            int revision,
            String title,
            String body,
            List<String> tags,
            UUID authorId,
            Instant createdAt,
            Instant updatedAt) {}

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        java.sql.Array a = rs.getArray(column);
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    private Row row(ResultSet rs, int i) throws SQLException {
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getObject("translation_group", UUID.class),
                rs.getString("language"),
                rs.getObject("category_id", UUID.class),
                rs.getString("visibility"),
                rs.getString("status"),
                rs.getInt("revision"),
                rs.getString("title"),
                rs.getString("body"),
                strings(rs, "tags"),
                rs.getObject("author_id", UUID.class),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static final String COLUMNS = "id, translation_group, language, category_id, visibility, status, revision,"
            + " title, body, tags, author_id, created_at, updated_at";

    Optional<Row> find(UUID id) {
        return db.sql("select " + COLUMNS + " from kb_articles where id = ?")
                .param(id)
                .query(this::row)
                .optional();
    }

    Optional<Row> lock(UUID id) {
        return db.sql("select " + COLUMNS + " from kb_articles where id = ? for update")
                .param(id)
                .query(this::row)
                .optional();
    }

    List<Row> group(UUID group) {
        return db.sql("select " + COLUMNS + " from kb_articles where translation_group = ? order by language")
                .param(group)
                .query(this::row)
                .list();
    }

    boolean any() {
        return db.sql("select exists (select 1 from kb_articles)")
                .query(Boolean.class)
                .single();
    }

    void insert(Row a) {
        db.sql("insert into kb_articles (" + COLUMNS + ", plain, fts, title_fts, title_grams, grams)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ''::tsvector, ''::tsvector, '{}', '{}')")
                .params(
                        a.id(),
                        a.group(),
                        a.language(),
                        a.categoryId(),
                        a.visibility(),
                        a.status(),
                        a.revision(),
                        a.title(),
                        a.body(),
                        a.tags().toArray(String[]::new),
                        a.authorId(),
                        ts(a.createdAt()),
                        ts(a.updatedAt()))
                .update();
        revision(a);
        index(a);
    }

    void update(Row a) {
        db.sql("update kb_articles set language = ?, category_id = ?, visibility = ?, status = ?, revision = ?,"
                        + " title = ?, body = ?, tags = ?, author_id = ?, updated_at = ? where id = ?")
                .params(
                        a.language(),
                        a.categoryId(),
                        a.visibility(),
                        a.status(),
                        a.revision(),
                        a.title(),
                        a.body(),
                        a.tags().toArray(String[]::new),
                        a.authorId(),
                        ts(a.updatedAt()),
                        a.id())
                .update();
        revision(a);
        index(a);
    }

    private void revision(Row a) {
        db.sql("insert into kb_revisions (article_id, revision, title, body, tags, category_id, visibility, status,"
                        + " author_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        a.id(),
                        a.revision(),
                        a.title(),
                        a.body(),
                        a.tags().toArray(String[]::new),
                        a.categoryId(),
                        a.visibility(),
                        a.status(),
                        a.authorId(),
                        ts(a.updatedAt()))
                .update();
    }

    /**
     * The search index of the article's current revision: English full text (title and
     * tags weighted over the body), the Chinese character pairs of the title and of
     * everything, and the English words for correcting typos.
     */
    private void index(Row a) {
        String plain = Markdown.text(a.body());
        String tags = String.join(" ", a.tags());
        db.sql(
                        "update kb_articles set plain = ?, fts = setweight(to_tsvector('english', title), 'A')"
                                + " || setweight(to_tsvector('english', ?), 'A') || setweight(to_tsvector('english', ?), 'B'),"
                                + " title_fts = to_tsvector('english', title || ' ' || ?), title_grams = ?, grams = ? where id = ?")
                .params(
                        plain,
                        tags,
                        plain,
                        tags,
                        Grams.index(a.title() + " " + tags),
                        Grams.index(a.title() + " " + tags + " " + plain),
                        a.id())
                .update();
        List<String> words = Grams.words(a.title() + " " + tags + " " + plain);
        if (!words.isEmpty()) {
            db.sql("insert into kb_words (word) select unnest(?::text[]) on conflict do nothing")
                    .param(words.toArray(String[]::new))
                    .update();
        }
    }

    List<Revision> revisions(UUID id) {
        List<Revision> raw = db.sql("select * from kb_revisions where article_id = ? order by revision")
                .param(id)
                .query((rs, i) -> new Revision(
                        rs.getInt("revision"),
                        rs.getString("title"),
                        rs.getString("body"),
                        strings(rs, "tags"),
                        rs.getObject("category_id", UUID.class),
                        rs.getString("visibility"),
                        rs.getString("status"),
                        rs.getObject("author_id", UUID.class),
                        instant(rs, "created_at"),
                        List.of()))
                .list();
        List<Revision> out = new java.util.ArrayList<>();
        Revision before = null;
        for (Revision r : raw) {
            List<String> changed = new java.util.ArrayList<>();
            if (before == null) {
                changed.add("created");
            } else {
                if (!before.title().equals(r.title())) changed.add("title");
                if (!before.body().equals(r.body())) changed.add("body");
                if (!before.tags().equals(r.tags())) changed.add("tags");
                if (!java.util.Objects.equals(before.categoryId(), r.categoryId())) changed.add("category");
                if (!before.visibility().equals(r.visibility())) changed.add("visibility");
                if (!before.status().equals(r.status())) changed.add("status");
            }
            out.add(new Revision(
                    r.revision(),
                    r.title(),
                    r.body(),
                    r.tags(),
                    r.categoryId(),
                    r.visibility(),
                    r.status(),
                    r.authorId(),
                    r.createdAt(),
                    List.copyOf(changed)));
            before = r;
        }
        return out;
    }

    // ---- categories

    private Category category(ResultSet rs) throws SQLException {
        Map<String, String> names = json.readValue(rs.getString("names"), new TypeReference<Map<String, String>>() {});
        return new Category(rs.getObject("id", UUID.class), names);
    }

    Optional<Category> category(UUID id) {
        return db.sql("select * from kb_categories where id = ?")
                .param(id)
                .query((rs, i) -> category(rs))
                .optional();
    }

    Optional<Category> categoryNamed(String english) {
        return db.sql("select * from kb_categories where lower(names ->> 'en') = lower(?)")
                .param(english)
                .query((rs, i) -> category(rs))
                .optional();
    }

    List<Category> categories() {
        return db.sql("select * from kb_categories order by position, names ->> 'en'")
                .query((rs, i) -> category(rs))
                .list();
    }

    List<Category> categoriesWith(List<String> visibilities) {
        return db.sql("select * from kb_categories c where exists (select 1 from kb_articles a"
                        + " where a.category_id = c.id and a.status = 'published' and a.visibility = any(?))"
                        + " order by position, names ->> 'en'")
                .param(visibilities.toArray(String[]::new))
                .query((rs, i) -> category(rs))
                .list();
    }

    Category insertCategory(Map<String, String> names, int position, Instant at) {
        UUID id = UUID.randomUUID();
        // two writers naming the same new category: the first one's row is the category
        db.sql("insert into kb_categories (id, names, position, created_at) values (?, ?::jsonb, ?, ?)"
                        + " on conflict do nothing")
                .params(id, json.writeValueAsString(names), position, ts(at))
                .update();
        return categoryNamed(names.get("en")).orElseThrow();
    }

    // ---- votes and reads

    void vote(
            UUID article,
            int revision,
            String reader,
            UUID userId,
            UUID org,
            boolean helpful,
            String comment,
            Instant at) {
        db.sql(
                        "insert into kb_votes (article_id, revision, reader, user_id, organization_id, helpful, comment, voted_at)"
                                + " values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (article_id, revision, reader) do update set"
                                + " helpful = excluded.helpful, comment = excluded.comment, voted_at = excluded.voted_at")
                .params(article, revision, reader, userId, org, helpful, comment, ts(at))
                .update();
    }

    long[] votes(UUID article, int revision) {
        return db.sql("select count(*) filter (where helpful) yes, count(*) filter (where not helpful) no"
                        + " from kb_votes where article_id = ? and revision = ?")
                .params(article, revision)
                .query((rs, i) -> new long[] {rs.getLong("yes"), rs.getLong("no")})
                .single();
    }

    /** A read, unless the same reader read the same article the same way since {@code since}. */
    void view(UUID article, String reader, UUID userId, UUID org, String source, Instant at, Instant since) {
        db.sql("insert into kb_views (article_id, reader, user_id, organization_id, source, viewed_at)"
                        + " select ?, ?, ?, ?, ?, ? where not exists (select 1 from kb_views where reader = ?"
                        + " and article_id = ? and source = ? and viewed_at > ? and ticket_id is null)")
                .params(article, reader, userId, org, source, ts(at), reader, article, source, ts(since))
                .update();
    }

    /** The user's reads in the window before their new ticket lead to it. */
    void ticketRaised(UUID userId, UUID ticket, Instant at, Instant windowStart) {
        db.sql("update kb_views set ticket_id = ?, ticket_at = ? where user_id = ? and ticket_id is null"
                        + " and viewed_at > ? and viewed_at <= ?")
                .params(ticket, ts(at), userId, ts(windowStart), ts(at))
                .update();
    }

    JdbcClient db() {
        return db;
    }
}
