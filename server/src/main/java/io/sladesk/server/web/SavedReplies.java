package io.sladesk.server.web;

import io.sladesk.server.platform.Checks;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Agents' shared canned answers, a list per language; the console inserts one with a keystroke. */
@Component
class SavedReplies {
    private final JdbcClient db;
    private final Clock clock;

    SavedReplies(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    record SavedReply(UUID id, String language, String title, String body) {}

    List<SavedReply> of(String language) {
        return db.sql("select id, language, title, body from saved_replies where language = ? order by title, id"
                        + " limit 50")
                .param(language)
                .query((rs, i) -> new SavedReply(
                        rs.getObject("id", UUID.class),
                        rs.getString("language"),
                        rs.getString("title"),
                        rs.getString("body")))
                .list();
    }

    SavedReply add(UUID by, String language, String title, String body) {
        Checks checks = Checks.start();
        String t = checks.text("title", title, 200);
        String b = checks.multiLineText("body", body, 20_000);
        checks.orThrow();
        SavedReply r = new SavedReply(UUID.randomUUID(), language, t, b);
        db.sql(
                        "insert into saved_replies (id, language, title, body, created_by, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(r.id(), language, t, b, by, Timestamp.from(clock.instant()))
                .update();
        return r;
    }

    /** Every saved reply, both languages: the admin page lists them all. */
    List<SavedReply> all() {
        return db.sql("select id, language, title, body from saved_replies order by language, title, id")
                .query((rs, i) -> new SavedReply(
                        rs.getObject("id", UUID.class),
                        rs.getString("language"),
                        rs.getString("title"),
                        rs.getString("body")))
                .list();
    }

    java.util.Optional<SavedReply> get(String id) {
        return io.sladesk.server.platform.Ids.parse(id)
                .flatMap(uuid -> db.sql("select id, language, title, body from saved_replies where id = ?")
                        .param(uuid)
                        .query((rs, i) -> new SavedReply(
                                rs.getObject("id", UUID.class),
                                rs.getString("language"),
                                rs.getString("title"),
                                rs.getString("body")))
                        .optional());
    }

    /** Changes a saved reply's words and language, checked as when added. */
    SavedReply update(String id, String language, String title, String body) {
        SavedReply existing = get(id).orElseThrow(() ->
                new io.sladesk.server.platform.Problems.NotFound("Saved reply " + id + " does not exist"));
        Checks checks = Checks.start();
        String t = checks.text("title", title, 200);
        String b = checks.multiLineText("body", body, 20_000);
        checks.orThrow();
        db.sql("update saved_replies set language = ?, title = ?, body = ? where id = ?")
                .params(language, t, b, existing.id())
                .update();
        return new SavedReply(existing.id(), language, t, b);
    }

    void delete(String id) {
        io.sladesk.server.platform.Ids.parse(id)
                .ifPresent(uuid -> db.sql("delete from saved_replies where id = ?")
                        .param(uuid)
                        .update());
    }
}
