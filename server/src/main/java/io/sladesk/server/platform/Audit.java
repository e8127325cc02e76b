package io.sladesk.server.platform;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Who changed what, when: every change of configuration and accounts, kept for admins. */
@Component
public class Audit {
    private final JdbcClient db;
    private final Clock clock;
    private final JsonMapper json;

    Audit(JdbcClient db, Clock clock, JsonMapper json) {
        this.db = db;
        this.clock = clock;
        this.json = json;
    }

    public record Entry(
            long seq,
            Instant at,
            UUID actorId,
            String action,
            String subjectType,
            String subjectId,
            Map<String, Object> changes) {}

    /** Records a change, in the caller's transaction when there is one. */
    public void record(UUID actorId, String action, String subjectType, String subjectId, Map<String, ?> changes) {
        db.sql("insert into audit_log (at, actor_id, action, subject_type, subject_id, changes)"
                        + " values (?, ?, ?, ?, ?, ?::jsonb)")
                .params(
                        Timestamp.from(clock.instant()),
                        actorId,
                        action,
                        subjectType,
                        subjectId,
                        json.writeValueAsString(changes == null ? Map.of() : changes))
                .update();
    }

    /** Newest first, {@code limit} after the entry {@code beforeSeq} (exclusive; null for the newest). */
    public List<Entry> list(int limit, Long beforeSeq) {
        return db.sql("select * from audit_log where (cast(? as bigint) is null or seq < ?) order by seq desc limit ?")
                .params(beforeSeq, beforeSeq, limit)
                .query((rs, i) -> new Entry(
                        rs.getLong("seq"),
                        rs.getTimestamp("at").toInstant(),
                        rs.getObject("actor_id", UUID.class),
                        rs.getString("action"),
                        rs.getString("subject_type"),
                        rs.getString("subject_id"),
                        json.readValue(rs.getString("changes"), new TypeReference<Map<String, Object>>() {})))
                .list();
    }
}
