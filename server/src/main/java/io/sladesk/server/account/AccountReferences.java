package io.sladesk.server.account;

import io.sladesk.server.platform.References;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Organizations refer to plans and calendars by id, plans to policies. */
@Component
class AccountReferences implements References.Holder {
    private final JdbcClient db;

    AccountReferences(JdbcClient db) {
        this.db = db;
    }

    @Override
    public List<String> uses(References.Kind kind, UUID id) {
        return switch (kind) {
            case CALENDAR ->
                names("select name from organizations where calendar_id = ? order by name", id, "organization");
            case PLAN -> names("select name from organizations where plan_id = ? order by name", id, "organization");
            case POLICY -> names("select name from plans where policy_id = ? order by name", id, "plan");
            case GROUP -> List.of();
        };
    }

    private List<String> names(String sql, UUID id, String what) {
        return db.sql(sql).param(id).query(String.class).list().stream()
                .map(n -> what + " '" + n + "'")
                .toList();
    }
}
