package io.sladesk.server.kb;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The deflection report's figures, counted in SQL over the reads and votes of a period.
 * A reader here is one reader (user or browser) of one article who came from a search or a
 * suggestion in the period; they raised a ticket after reading if any of those reads was
 * followed by a ticket of theirs within the window; they were deflected if none was and the
 * window after their last read has closed. Readers whose window is still open are left out
 * of both, so the rate does not rise while tickets may still come.
 */
final class Reports {
    private Reports() {}

    static KbReport of(JdbcClient db, Instant from, Instant to, Instant now, Duration window) {
        Timestamp f = Timestamp.from(from);
        Timestamp t = Timestamp.from(to);
        Timestamp closed = Timestamp.from(now.minus(window));
        Map<UUID, long[]> counts = new LinkedHashMap<>();
        // [views, yes, no, readers, deflected, tickets]
        db.sql("select article_id, count(*) n, count(distinct ticket_id) tickets from kb_views"
                        + " where viewed_at >= ? and viewed_at < ? group by article_id")
                .params(f, t)
                .query(rs -> {
                    long[] c = counts.computeIfAbsent(rs.getObject("article_id", UUID.class), k -> new long[6]);
                    c[0] = rs.getLong("n");
                    c[5] = rs.getLong("tickets");
                });
        db.sql("select article_id, count(*) filter (where helpful) yes, count(*) filter (where not helpful) no"
                        + " from kb_votes where voted_at >= ? and voted_at < ? group by article_id")
                .params(f, t)
                .query(rs -> {
                    long[] c = counts.computeIfAbsent(rs.getObject("article_id", UUID.class), k -> new long[6]);
                    c[1] = rs.getLong("yes");
                    c[2] = rs.getLong("no");
                });
        db.sql("select article_id, count(*) filter (where raised or last_read <= ?) readers,"
                        + " count(*) filter (where not raised and last_read <= ?) deflected from ("
                        + " select article_id, reader, bool_or(ticket_id is not null) raised, max(viewed_at) last_read"
                        + " from kb_views where source in ('search', 'suggestion') and viewed_at >= ? and viewed_at < ?"
                        + " group by article_id, reader) r group by article_id")
                .params(closed, closed, f, t)
                .query(rs -> {
                    long[] c = counts.computeIfAbsent(rs.getObject("article_id", UUID.class), k -> new long[6]);
                    c[3] = rs.getLong("readers");
                    c[4] = rs.getLong("deflected");
                });
        long allTickets = db.sql(
                        "select count(distinct ticket_id) from kb_views where viewed_at >= ? and viewed_at < ?")
                .params(f, t)
                .query(Long.class)
                .single();
        Map<UUID, String[]> titles = new LinkedHashMap<>();
        if (!counts.isEmpty()) {
            db.sql("select id, title, language from kb_articles where id = any(?)")
                    .param(counts.keySet().toArray(UUID[]::new))
                    .query(rs -> {
                        titles.put(
                                rs.getObject("id", UUID.class),
                                new String[] {rs.getString("title"), rs.getString("language")});
                    });
        }
        List<KbReport.Row> rows = new ArrayList<>();
        long[] sum = new long[6];
        counts.forEach((id, c) -> {
            String[] title = titles.getOrDefault(id, new String[] {null, null});
            rows.add(row(id, title[0], title[1], c));
            for (int i = 0; i < 5; i++) sum[i] += c[i];
        });
        sum[5] = allTickets;
        rows.sort((a, b) -> a.views() != b.views()
                ? Long.compare(b.views(), a.views())
                : String.valueOf(a.title()).compareTo(String.valueOf(b.title())));
        return new KbReport(from, to, window.toHours(), row(null, null, null, sum), rows);
    }

    private static KbReport.Row row(UUID id, String title, String language, long[] c) {
        return new KbReport.Row(
                id,
                title,
                language,
                c[0],
                new KbReport.Votes(c[1], c[2]),
                c[1] + c[2] == 0 ? null : round((double) c[1] / (c[1] + c[2])),
                c[3],
                c[4],
                c[5],
                c[3] == 0 ? null : round((double) c[4] / c[3]));
    }

    private static double round(double d) {
        return Math.round(d * 10_000) / 10_000.0;
    }
}
