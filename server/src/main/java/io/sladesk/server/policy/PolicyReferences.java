package io.sladesk.server.policy;

import io.sladesk.server.platform.References;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Policies refer to stored calendars (targets) and groups (escalation reassignment) by id. */
@Component
class PolicyReferences implements References.Holder {
    private final JdbcClient db;

    PolicyReferences(JdbcClient db) {
        this.db = db;
    }

    @Override
    public List<String> uses(References.Kind kind, UUID id) {
        String sql = switch (kind) {
            case CALENDAR ->
                "select name from policies p where exists (select 1 from jsonb_each(p.targets) s,"
                        + " jsonb_each(s.value) m where m.value ->> 'calendar' = ?) order by name";
            case GROUP ->
                "select name from policies p where exists (select 1 from jsonb_array_elements(p.escalation) l,"
                        + " jsonb_array_elements_text(l -> 'actions') a where a = 'reassign_to_group:' || ?) order by name";
            default -> null;
        };
        if (sql == null) return List.of();
        return db.sql(sql).param(id.toString()).query(String.class).list().stream()
                .map(n -> "policy '" + n + "'")
                .toList();
    }
}
