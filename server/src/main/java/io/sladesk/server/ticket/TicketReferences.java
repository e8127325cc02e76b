package io.sladesk.server.ticket;

import io.sladesk.server.platform.References;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Tickets refer to the group they are assigned to by id. */
@Component
class TicketReferences implements References.Holder {
    private final JdbcClient db;

    TicketReferences(JdbcClient db) {
        this.db = db;
    }

    @Override
    public List<String> uses(References.Kind kind, UUID id) {
        if (kind != References.Kind.GROUP) return List.of();
        long n = db.sql("select count(*) from tickets where group_id = ?")
                .param(id)
                .query(Long.class)
                .single();
        return n == 0 ? List.of() : List.of(References.count(n, "ticket", "tickets"));
    }
}
