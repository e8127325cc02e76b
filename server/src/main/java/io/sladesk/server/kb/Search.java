package io.sladesk.server.kb;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Search over the published articles a reader may see, in PostgreSQL alone (every server
 * sees the same index; nothing else runs). English words go through full-text search with
 * the English stemmer ("exporting" finds "export"); a word the articles do not contain is
 * also looked for as its nearest article word by trigram similarity (typos: "exportng").
 * Chinese runs are matched by their character pairs ({@link Grams}). Title matches count
 * over body matches. One statement per search, plus one for the typo corrections.
 */
@Component
class Search {
    /** Queries of up to this many character pairs must contain them all; longer ones most of them. */
    private static final int ALL_GRAMS = 6;

    private static final int MAX_WORDS = 40;
    private static final int MAX_GRAMS = 200;

    private final JdbcClient db;

    Search(JdbcClient db) {
        this.db = db;
    }

    /**
     * The best articles for a text, best first. {@code loose}: a ticket being written (any
     * of its words may match) rather than a query (each Chinese run must match).
     */
    List<Hit> find(String text, List<String> visibilities, String language, UUID category, int limit, boolean loose) {
        List<String> words = Grams.words(text);
        if (words.size() > MAX_WORDS) words = words.subList(0, MAX_WORDS);
        List<String> terms = new ArrayList<>(words);
        terms.addAll(corrections(words));
        String[] grams = Grams.query(text);
        if (grams.length > MAX_GRAMS) grams = java.util.Arrays.copyOf(grams, MAX_GRAMS);
        if (terms.isEmpty() && grams.length == 0) return List.of();
        // only [a-z0-9] words: safe to join into the tsquery syntax
        String tsq = String.join(" | ", terms);
        boolean all = !loose && grams.length <= ALL_GRAMS;

        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder(
                "select a.id, a.title, a.language, a.category_id, a.visibility, a.updated_at, a.plain,");
        if (!terms.isEmpty()) {
            sql.append(" ts_rank(a.fts, to_tsquery('english', ?)) ts,");
            sql.append(" ts_rank('{0,0,0,1}', a.fts, to_tsquery('english', ?)) tts,");
            params.add(tsq);
            params.add(tsq);
        } else {
            sql.append(" 0::real ts, 0::real tts,");
        }
        if (grams.length > 0) {
            sql.append(" (select count(*) from unnest(?::text[]) x where x = any(a.grams))::float8 / ? gb,");
            sql.append(" (select count(*) from unnest(?::text[]) x where x = any(a.title_grams))::float8 / ? gt");
            params.add(grams);
            params.add(grams.length);
            params.add(grams);
            params.add(grams.length);
        } else {
            sql.append(" 0::float8 gb, 0::float8 gt");
        }
        sql.append(" from kb_articles a where a.status = 'published' and a.visibility = any(?)");
        params.add(visibilities.toArray(String[]::new));
        if (language != null) {
            sql.append(" and a.language = ?");
            params.add(language);
        }
        if (category != null) {
            sql.append(" and a.category_id = ?");
            params.add(category);
        }
        List<String> match = new ArrayList<>();
        if (!terms.isEmpty()) {
            match.add("a.fts @@ to_tsquery('english', ?)");
            params.add(tsq);
        }
        if (grams.length > 0) {
            match.add(all ? "a.grams @> ?::text[]" : "a.grams && ?::text[]");
            params.add(grams);
        }
        sql.append(" and (").append(String.join(" or ", match)).append(")");

        // the score: English rank (title weighted), a title match, the share of the Chinese pairs found (title twice)
        String score = "(m.ts + case when m.tts > 0 then 1 else 0 end + m.gb + 2 * m.gt)";
        StringBuilder outer = new StringBuilder("select m.*, " + score + " score");
        if (!terms.isEmpty()) {
            outer.append(", ts_headline('english', m.plain, to_tsquery('english', ?),"
                    + " 'StartSel=\uE000, StopSel=\uE001, MaxWords=28, MinWords=10, MaxFragments=1') headline");
        } else {
            outer.append(", null headline");
        }
        outer.append(" from (").append(sql).append(") m");
        // a long text needs most of its pairs, or an English word, to count as a match
        if (grams.length > 0 && !all)
            outer.append(" where (m.ts > 0 or m.gb >= ")
                    .append(loose ? "0.3" : "0.6")
                    .append(")");
        outer.append(" order by score desc, m.updated_at desc, m.id limit ?");
        List<Object> all2 = new ArrayList<>(params);
        if (!terms.isEmpty()) all2.add(0, tsq);
        all2.add(limit);
        // the headline's parameter comes first in the statement's text (the outer select list)
        List<String> runs = Grams.runs(text);
        String[] queryGrams = grams;
        return db.sql(outer.toString())
                .params(all2)
                .query((rs, i) -> {
                    Timestamp updated = rs.getTimestamp("updated_at");
                    return new Hit(
                            rs.getObject("id", UUID.class),
                            rs.getString("title"),
                            rs.getString("language"),
                            rs.getObject("category_id", UUID.class),
                            rs.getString("visibility"),
                            snippet(rs.getString("plain"), rs.getString("headline"), runs, queryGrams),
                            Math.round(rs.getDouble("score") * 1000) / 1000.0,
                            updated == null ? null : updated.toInstant());
                })
                .list();
    }

    /** For each word no article holds, the nearest word one does (by trigram similarity), if any is near. */
    private List<String> corrections(List<String> words) {
        List<String> candidates = words.stream().filter(w -> w.length() >= 4).toList();
        if (candidates.isEmpty()) return List.of();
        return db
                .sql("select (select k.word from kb_words k where k.word % q.w order by k.word <-> q.w limit 1) fix"
                        + " from unnest(?::text[]) q(w) where not exists (select 1 from kb_words k where k.word = q.w)")
                .param(candidates.toArray(String[]::new))
                .query(String.class)
                .list()
                .stream()
                .filter(java.util.Objects::nonNull)
                .filter(w -> w.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
                .distinct()
                .toList();
    }

    /**
     * A short piece of the article around what matched, escaped, with the matches in
     * {@code <mark>}: the first Chinese run (or pair) of the query found in the text, else
     * PostgreSQL's headline of the English match, else the text's start.
     */
    static String snippet(String plain, String headline, List<String> runs, String[] grams) {
        // a table's cells are set apart by "|" in the plain text: in a snippet they read as spaces
        String text = plain == null
                ? ""
                : plain.replace('|', ' ').replaceAll("\\s+", " ").trim();
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        List<String> needles = new ArrayList<>(runs);
        needles.sort((a, b) -> b.length() - a.length());
        needles.addAll(List.of(grams));
        for (String needle : needles) {
            int at = lower.indexOf(needle);
            if (at < 0 || lower.length() != text.length()) continue;
            int from = Math.max(0, at - 30);
            int to = Math.min(text.length(), at + needle.length() + 70);
            String window = text.substring(from, to);
            String lowerWindow = lower.substring(from, to);
            StringBuilder out = new StringBuilder(from > 0 ? "…" : "");
            int i = 0;
            while (i < window.length()) {
                int hit = lowerWindow.indexOf(needle, i);
                if (hit < 0) {
                    out.append(escape(window.substring(i)));
                    break;
                }
                out.append(escape(window.substring(i, hit)))
                        .append("<mark>")
                        .append(escape(window.substring(hit, hit + needle.length())))
                        .append("</mark>");
                i = hit + needle.length();
            }
            if (to < text.length()) out.append("…");
            return out.toString();
        }
        if (headline != null && headline.contains("\uE000")) {
            return escape(headline.replace('|', ' ').replaceAll("\\s+", " ").trim())
                    .replace("\uE000", "<mark>")
                    .replace("\uE001", "</mark>");
        }
        String start = text.length() > 160 ? text.substring(0, 160) + "…" : text;
        return escape(start);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
