package io.sladesk.server.sla;

import io.sladesk.server.platform.References;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Clocks (running or stopped, whose history explains them) refer to their policy and calendar by id. */
@Component
class ClockReferences implements References.Holder {
    private final JdbcClient db;

    ClockReferences(JdbcClient db) {
        this.db = db;
    }

    @Override
    public List<String> uses(References.Kind kind, UUID id) {
        String column = switch (kind) {
            case CALENDAR -> "calendar_id";
            case POLICY -> "policy_id";
            default -> null;
        };
        if (column == null) return List.of();
        long n = db.sql("select count(distinct ticket_id) from sla_clocks where " + column + " = ?")
                .param(id)
                .query(Long.class)
                .single();
        return n == 0 ? List.of() : List.of("the SLA clocks of " + References.count(n, "ticket", "tickets"));
    }
}
