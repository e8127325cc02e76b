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
    /**
     * Queries of up to this many character pairs (up to three characters: "登入", "營業日")
     * must contain them all, found on the index alone; longer ones most of them, since a
     * query's pairs across its words ("的營" in "P2 的營業日") need not be in the article.
     */
    private static final int ALL_GRAMS = 2;

    private static final int MAX_WORDS = 40;
    private static final int MAX_GRAMS = 200;

    private final JdbcClient db;

    Search(JdbcClient db) {
        this.db = db;
    }

    /** A hit, and the share of the query's Chinese pairs its article holds. */
    private record Row(double gb, Hit hit) {}

    /**
     * The best articles for a text, best first. {@code loose}: a ticket being written (any
     * of its words may match) rather than a query. A query of up to {@value #ALL_GRAMS}
     * Chinese pairs needs them all. A longer one is looked for whole first; when no
     * article holds all of its pairs, articles holding every pair of some stretch of it
     * (three pairs, four characters; two for a query of three) are ranked by the share of its pairs they hold. A
     * ticket being written works the same way with stretches of two pairs. Every stretch
     * is a condition the GIN index answers, so a long query never ranks every article.
     */
    List<Hit> find(String text, List<String> visibilities, String language, UUID category, int limit, boolean loose) {
        List<String> words = Grams.words(text);
        if (words.size() > MAX_WORDS) words = words.subList(0, MAX_WORDS);
        List<String> terms = new ArrayList<>(words);
        terms.addAll(corrections(words));
        String[] grams = Grams.query(text);
        if (grams.length > MAX_GRAMS) grams = java.util.Arrays.copyOf(grams, MAX_GRAMS);
        if (terms.isEmpty() && grams.length == 0) return List.of();
        List<String> runs = Grams.runs(text);
        if (!loose) {
            List<Row> whole = run(terms, grams, null, 0, runs, visibilities, language, category, limit);
            if (grams.length <= ALL_GRAMS || whole.stream().anyMatch(r -> r.gb() > 0)) return hits(whole);
            int size = grams.length <= 3 ? 2 : 3;
            return hits(
                    run(terms, grams, windows(grams, size, 20), 0.5, runs, visibilities, language, category, limit));
        }
        return hits(run(terms, grams, windows(grams, 2, 40), 0.3, runs, visibilities, language, category, limit));
    }

    private static List<Hit> hits(List<Row> rows) {
        return rows.stream().map(Row::hit).toList();
    }

    /** Consecutive stretches of {@code size} pairs (all of them when fewer), at most {@code cap}, spread evenly. */
    static List<String[]> windows(String[] grams, int size, int cap) {
        List<String[]> out = new ArrayList<>();
        if (grams.length <= size) {
            out.add(grams);
            return out;
        }
        int count = grams.length - size + 1;
        int step = Math.max(1, (count + cap - 1) / cap);
        for (int i = 0; i < count; i += step) out.add(java.util.Arrays.copyOfRange(grams, i, i + size));
        return out;
    }

    private List<Row> run(
            List<String> terms,
            String[] grams,
            List<String[]> windows,
            double share,
            List<String> runs,
            List<String> visibilities,
            String language,
            UUID category,
            int limit) {
        // only [a-z0-9] words: safe to join into the tsquery syntax
        String tsq = String.join(" | ", terms);
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder(
                "select a.id, a.title, a.language, a.category_id, a.visibility, a.updated_at, a.plain,");
        if (!terms.isEmpty()) {
            sql.append(" ts_rank(a.fts, to_tsquery('english', ?)) ts,");
            sql.append(" (a.title_fts @@ to_tsquery('english', ?))::int tts,");
            params.add(tsq);
            params.add(tsq);
        } else {
            sql.append(" 0::real ts, 0::real tts,");
        }
        boolean all = windows == null;
        if (grams.length > 0) {
            if (all && terms.isEmpty()) {
                // every pair is in the article (the match requires it): nothing to count
                sql.append(" 1::float8 gb,");
            } else if (all) {
                // which matches hold the pairs, from the index (a join), not by reading each one's pairs
                sql.append(" case when gm.id is not null then 1 else 0 end::float8 gb,");
            } else {
                sql.append(" (select count(*) from unnest(?::text[]) x where x = any(a.grams))::float8 / ? gb,");
                params.add(grams);
                params.add(grams.length);
            }
            // the title holds all the pairs, or some: array operators on a small in-row column, no counting
            sql.append(" case when a.title_grams @> ?::text[] then 1 when a.title_grams && ?::text[] then 0.5"
                    + " else 0 end::float8 gt");
            params.add(grams);
            params.add(grams);
        } else {
            sql.append(" 0::float8 gb, 0::float8 gt");
        }
        sql.append(" from kb_articles a");
        if (grams.length > 0 && all && !terms.isEmpty()) {
            sql.append(" left join (select id from kb_articles where grams @> ?::text[]) gm on gm.id = a.id");
            params.add(grams);
        }
        sql.append(" where a.status = 'published' and a.visibility = any(?)");
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
        if (grams.length > 0 && all) {
            match.add("a.grams @> ?::text[]");
            params.add(grams);
        } else if (grams.length > 0) {
            // found on the index: articles holding every pair of one stretch of the query
            for (String[] w : windows) {
                match.add("a.grams @> ?::text[]");
                params.add(w);
            }
        }
        sql.append(" and (").append(String.join(" or ", match)).append(")");

        // the score: English rank (title weighted), a title match, the share of the Chinese pairs found (title twice)
        String score = "(m.ts + case when m.tts > 0 then 1 else 0 end + m.gb + 2 * m.gt)";
        StringBuilder outer = new StringBuilder("select m.*, " + score + " score");
        if (!terms.isEmpty()) {
            // the query's English stems, once (an init plan), for marking the matched words in snippets
            outer.append(", (select array_agg(lexeme) from unnest(to_tsvector('english', ?))) stems");
        } else {
            outer.append(", null::text[] stems");
        }
        outer.append(" from (").append(sql).append(") m");
        // a long text needs most of its pairs, or an English word, to count as a match
        if (grams.length > 0 && !all)
            outer.append(" where (m.ts > 0 or m.gb >= ").append(share).append(")");
        outer.append(" order by score desc, m.updated_at desc, m.id limit ?");
        List<Object> all2 = new ArrayList<>(params);
        if (!terms.isEmpty()) all2.add(0, String.join(" ", terms));
        all2.add(limit);
        // the stems' parameter comes first in the statement's text (the outer select list)
        String[] queryGrams = grams;
        return db.sql(outer.toString())
                .params(all2)
                .query((rs, i) -> {
                    Timestamp updated = rs.getTimestamp("updated_at");
                    return new Row(
                            rs.getDouble("gb"),
                            new Hit(
                                    rs.getObject("id", UUID.class),
                                    rs.getString("title"),
                                    rs.getString("language"),
                                    rs.getObject("category_id", UUID.class),
                                    rs.getString("visibility"),
                                    snippet(rs.getString("plain"), stems(rs.getArray("stems")), runs, queryGrams),
                                    Math.round(rs.getDouble("score") * 1000) / 1000.0,
                                    updated == null ? null : updated.toInstant()));
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

    private static List<String> stems(java.sql.Array array) throws java.sql.SQLException {
        if (array == null) return List.of();
        return java.util.Arrays.asList((String[]) array.getArray());
    }

    /**
     * A short piece of the article around what matched, escaped, with the matches in
     * {@code <mark>}: the first Chinese run (or pair) of the query found in the text, else
     * the first English word that one of the query's stems begins ("export" in
     * "exporting"), else the text's start. Done here rather than with ts_headline, which
     * parses each article's whole text again.
     */
    static String snippet(String plain, List<String> stems, List<String> runs, String[] grams) {
        // a table's cells are set apart by "|" in the plain text: in a snippet they read as spaces
        String text = plain == null
                ? ""
                : plain.replace('|', ' ').replaceAll("\\s+", " ").trim();
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.length() != text.length()) lower = text; // lower-casing changed the length: match as written
        List<String> needles = new ArrayList<>(runs);
        needles.sort((a, b) -> b.length() - a.length());
        needles.addAll(List.of(grams));
        for (String needle : needles) {
            int at = lower.indexOf(needle);
            if (at < 0) continue;
            List<int[]> marks = new ArrayList<>();
            for (int i = lower.indexOf(needle); i >= 0; i = lower.indexOf(needle, i + needle.length()))
                marks.add(new int[] {i, i + needle.length()});
            return window(text, at, marks);
        }
        if (!stems.isEmpty()) {
            List<int[]> marks = new ArrayList<>();
            java.util.regex.Matcher m = WORD.matcher(lower);
            while (m.find()) {
                String w = m.group();
                for (String stem : stems) {
                    if (stem.length() >= 2 && (w.equals(stem) || (stem.length() >= 3 && w.startsWith(stem)))) {
                        marks.add(new int[] {m.start(), m.end()});
                        break;
                    }
                }
            }
            if (!marks.isEmpty()) return window(text, marks.get(0)[0], marks);
        }
        String start = text.length() > 160 ? text.substring(0, 160) + "…" : text;
        return escape(start);
    }

    private static final java.util.regex.Pattern WORD = java.util.regex.Pattern.compile("[a-z0-9]+");

    /** About 30 characters before the first match and 100 after, escaped, each match inside it marked. */
    private static String window(String text, int first, List<int[]> marks) {
        int from = Math.max(0, first - 30);
        int to = Math.min(text.length(), first + 100);
        // never cut a surrogate pair in two
        if (from > 0 && Character.isLowSurrogate(text.charAt(from))) from--;
        if (to < text.length() && Character.isLowSurrogate(text.charAt(to))) to++;
        StringBuilder out = new StringBuilder(from > 0 ? "…" : "");
        int i = from;
        for (int[] mark : marks) {
            if (mark[0] < i || mark[1] > to) continue;
            out.append(escape(text.substring(i, mark[0])))
                    .append("<mark>")
                    .append(escape(text.substring(mark[0], mark[1])))
                    .append("</mark>");
            i = mark[1];
        }
        out.append(escape(text.substring(i, to)));
        if (to < text.length()) out.append("…");
        return out.toString();
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
