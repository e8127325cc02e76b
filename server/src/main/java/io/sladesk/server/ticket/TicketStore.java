package io.sladesk.server.ticket;

import io.sladesk.server.kernel.Severity;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Loads and saves Ticket aggregates with their new messages, history and events. */
@Repository
class TicketStore {
    private final JdbcClient db;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;

    TicketStore(JdbcClient db, ApplicationEventPublisher events, JsonMapper json) {
        this.db = db;
        this.events = events;
        this.json = json;
    }

    long nextNumber() {
        return db.sql("select nextval('ticket_number_seq')").query(Long.class).single();
    }

    Optional<Ticket> find(UUID id) {
        return db.sql("select * from tickets where id = ?")
                .param(id)
                .query(this::ticket)
                .optional();
    }

    /** Loads the ticket holding its row lock until the transaction ends. */
    Optional<Ticket> lock(UUID id) {
        return db.sql("select * from tickets where id = ? for update")
                .param(id)
                .query(this::ticket)
                .optional();
    }

    void insert(Ticket t) {
        db.sql("insert into tickets (id, number, organization_id, subject, description, severity, severity_source,"
                        + " triage, status, priority, channel, requester_id, assignee_id, group_id, created_at,"
                        + " updated_at, solved_at, closed_at, context_article_id)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        t.id(),
                        t.number(),
                        t.organizationId(),
                        t.subject(),
                        t.description(),
                        t.severity().wire(),
                        t.severitySource().wire(),
                        t.triage() == null ? null : json.writeValueAsString(TriageJson.of(t.triage())),
                        t.status().wire(),
                        t.priority().wire(),
                        t.channel().wire(),
                        t.requesterId(),
                        t.assigneeId(),
                        t.groupId(),
                        ts(t.createdAt()),
                        ts(t.updatedAt()),
                        ts(t.solvedAt()),
                        ts(t.closedAt()),
                        t.contextArticleId())
                .update();
        flush(t);
    }

    void update(Ticket t) {
        db.sql(
                        "update tickets set severity = ?, severity_source = ?, status = ?, priority = ?, assignee_id = ?,"
                                + " group_id = ?, updated_at = ?, solved_at = ?, closed_at = ?, version = version + 1 where id = ?")
                .params(
                        t.severity().wire(),
                        t.severitySource().wire(),
                        t.status().wire(),
                        t.priority().wire(),
                        t.assigneeId(),
                        t.groupId(),
                        ts(t.updatedAt()),
                        ts(t.solvedAt()),
                        ts(t.closedAt()),
                        t.id())
                .update();
        flush(t);
    }

    /** These tickets under their row locks (taken in id order), by id; ids not found are left out. */
    Map<UUID, Ticket> lockAll(java.util.Collection<UUID> ids) {
        Map<UUID, Ticket> out = new java.util.LinkedHashMap<>();
        if (ids.isEmpty()) return out;
        db.sql("select * from tickets where id = any(?) order by id for update")
                .param(ids.stream().distinct().toArray(UUID[]::new))
                .query(this::ticket)
                .list()
                .forEach(t -> out.put(t.id(), t));
        return out;
    }

    /**
     * {@link #update} of many tickets: one statement for the rows and one for their new
     * history entries (in the order the tickets are given, each ticket's in the order
     * recorded), then their events. Each ticket appears once.
     */
    void updateAll(List<Ticket> tickets) {
        if (tickets.isEmpty()) return;
        int n = tickets.size();
        String[][] cols = new String[10][n];
        for (int i = 0; i < n; i++) {
            Ticket t = tickets.get(i);
            cols[0][i] = t.id().toString();
            cols[1][i] = t.severity().wire();
            cols[2][i] = t.severitySource().wire();
            cols[3][i] = t.status().wire();
            cols[4][i] = t.priority().wire();
            cols[5][i] = t.assigneeId() == null ? null : t.assigneeId().toString();
            cols[6][i] = t.groupId() == null ? null : t.groupId().toString();
            cols[7][i] = str(t.updatedAt());
            cols[8][i] = str(t.solvedAt());
            cols[9][i] = str(t.closedAt());
        }
        db.sql(
                        "update tickets t set severity = u.severity, severity_source = u.severity_source, status = u.status,"
                                + " priority = u.priority, assignee_id = u.assignee_id, group_id = u.group_id,"
                                + " updated_at = u.updated_at, solved_at = u.solved_at, closed_at = u.closed_at,"
                                + " version = t.version + 1"
                                + " from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::uuid[],"
                                + " ?::timestamptz[], ?::timestamptz[], ?::timestamptz[]) as u(id, severity, severity_source,"
                                + " status, priority, assignee_id, group_id, updated_at, solved_at, closed_at) where t.id = u.id")
                .params((Object[]) cols)
                .update();
        List<String[]> entries = new ArrayList<>();
        List<Object> events = new ArrayList<>();
        for (Ticket t : tickets) {
            for (Message m : t.drainMessages()) insertMessage(t, m);
            for (TimelineEntry e : t.drainEntries()) {
                entries.add(new String[] {
                    e.id().toString(),
                    t.id().toString(),
                    t.organizationId().toString(),
                    e.at().toString(),
                    e.type(),
                    e.actorId() == null ? null : e.actorId().toString(),
                    Boolean.toString(e.internal()),
                    json.writeValueAsString(e.data())
                });
            }
            events.addAll(t.drainEvents());
        }
        if (!entries.isEmpty()) {
            Object[] arrays = new Object[8];
            for (int c = 0; c < 8; c++) {
                String[] col = new String[entries.size()];
                for (int r = 0; r < col.length; r++) col[r] = entries.get(r)[c];
                arrays[c] = col;
            }
            db.sql(
                            "insert into ticket_events (id, ticket_id, organization_id, at, type, actor_id, internal, data)"
                                    + " select u.id, u.ticket_id, u.organization_id, u.at, u.type, u.actor_id, u.internal,"
                                    + " u.data::jsonb from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::timestamptz[], ?::text[],"
                                    + " ?::uuid[], ?::boolean[], ?::text[]) with ordinality"
                                    + " as u(id, ticket_id, organization_id, at, type, actor_id, internal, data, ord) order by u.ord")
                    .params(arrays)
                    .update();
        }
        events.forEach(this.events::publishEvent);
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }

    private void insertMessage(Ticket t, Message m) {
        db.sql("insert into ticket_messages (id, ticket_id, organization_id, author_id, body, visibility,"
                        + " created_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        m.id(),
                        m.ticketId(),
                        t.organizationId(),
                        m.authorId(),
                        m.body(),
                        m.visibility().wire(),
                        ts(m.createdAt()))
                .update();
    }

    /** Writes what the aggregate recorded and publishes its events, all in the caller's transaction. */
    private void flush(Ticket t) {
        for (Message m : t.drainMessages()) {
            db.sql("insert into ticket_messages (id, ticket_id, organization_id, author_id, body, visibility,"
                            + " created_at) values (?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            m.id(),
                            m.ticketId(),
                            t.organizationId(),
                            m.authorId(),
                            m.body(),
                            m.visibility().wire(),
                            ts(m.createdAt()))
                    .update();
        }
        for (TimelineEntry e : t.drainEntries()) {
            db.sql("insert into ticket_events (id, ticket_id, organization_id, at, type, actor_id, internal, data)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?::jsonb)")
                    .params(
                            e.id(),
                            t.id(),
                            t.organizationId(),
                            ts(e.at()),
                            e.type(),
                            e.actorId(),
                            e.internal(),
                            json.writeValueAsString(e.data()))
                    .update();
        }
        t.drainEvents().forEach(events::publishEvent);
    }

    /** A suggestion as stored: data (phrases of the ticket's text, rule ids, severities), never prose. */
    record TriageJson(String severity, List<ReasonJson> reasons) {
        record ReasonJson(String phrase, String severity, String rule) {}

        static TriageJson of(io.sladesk.server.triage.Suggestion s) {
            return new TriageJson(
                    s.severity().wire(),
                    s.reasons().stream()
                            .map(r -> new ReasonJson(r.phrase(), r.severity().wire(), r.rule()))
                            .toList());
        }

        io.sladesk.server.triage.Suggestion suggestion() {
            return new io.sladesk.server.triage.Suggestion(
                    Severity.valueOf(severity),
                    reasons.stream()
                            .map(r -> new io.sladesk.server.triage.Suggestion.Reason(
                                    r.phrase(), Severity.valueOf(r.severity()), r.rule()))
                            .toList());
        }
    }

    // ---- followers

    List<UUID> followers(UUID ticketId) {
        return db.sql("select user_id from ticket_followers where ticket_id = ?"
                        + " order by source = 'tam' desc, created_at, user_id")
                .param(ticketId)
                .query(UUID.class)
                .list();
    }

    Map<UUID, List<UUID>> followers(List<UUID> ticketIds) {
        Map<UUID, List<UUID>> out = new java.util.HashMap<>();
        if (ticketIds.isEmpty()) return out;
        db.sql("select ticket_id, user_id from ticket_followers where ticket_id = any(?)"
                        + " order by source = 'tam' desc, created_at, user_id")
                .param(ticketIds.toArray(UUID[]::new))
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
                .list()
                .forEach(e ->
                        out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return out;
    }

    void follow(UUID ticketId, UUID userId, String source, Instant at) {
        db.sql("insert into ticket_followers (ticket_id, user_id, source, created_at) values (?, ?, ?, ?)"
                        + " on conflict (ticket_id, user_id) do nothing")
                .params(ticketId, userId, source, ts(at))
                .update();
    }

    void unfollow(UUID ticketId, UUID userId) {
        db.sql("delete from ticket_followers where ticket_id = ? and user_id = ?")
                .params(ticketId, userId)
                .update();
    }

    /**
     * The organization's TAM changed: the previous TAM's TAM follows of its tickets that
     * are not closed end, and the new TAM follows them all (an agent's own follows stay).
     */
    void moveTamFollows(UUID organizationId, UUID previous, UUID next, Instant at) {
        if (previous != null) {
            db.sql("delete from ticket_followers f using tickets t where f.ticket_id = t.id and t.organization_id = ?"
                            + " and t.status <> 'closed' and f.user_id = ? and f.source = 'tam'")
                    .params(organizationId, previous)
                    .update();
        }
        if (next != null) {
            db.sql("insert into ticket_followers (ticket_id, user_id, source, created_at)"
                            + " select id, ?, 'tam', ? from tickets where organization_id = ? and status <> 'closed'"
                            + " on conflict (ticket_id, user_id) do nothing")
                    .params(next, ts(at), organizationId)
                    .update();
        }
    }

    /** A message with its place in the conversation, the key of keyset paging. */
    record Numbered(long seq, Message message) {}

    /** Up to {@code limit} messages after {@code afterSeq}, oldest first. */
    List<Numbered> messages(UUID ticketId, boolean includeInternal, long afterSeq, int limit) {
        return db.sql("select * from ticket_messages where ticket_id = ? and (? or visibility = 'public')"
                        + " and seq > ? order by seq limit ?")
                .params(ticketId, includeInternal, afterSeq, limit)
                .query((rs, i) -> new Numbered(
                        rs.getLong("seq"),
                        new Message(
                                rs.getObject("id", UUID.class),
                                rs.getObject("ticket_id", UUID.class),
                                rs.getObject("author_id", UUID.class),
                                rs.getString("body"),
                                Visibility.valueOf(rs.getString("visibility").toUpperCase(java.util.Locale.ROOT)),
                                rs.getTimestamp("created_at").toInstant())))
                .list();
    }

    @SuppressWarnings("unchecked")
    List<TimelineEntry> timeline(UUID ticketId, boolean includeInternal) {
        return db.sql("select * from ticket_events where ticket_id = ? and (? or not internal) order by at, seq")
                .params(ticketId, includeInternal)
                .query((rs, i) -> new TimelineEntry(
                        rs.getLong("seq"),
                        rs.getObject("id", UUID.class),
                        rs.getTimestamp("at").toInstant(),
                        rs.getString("type"),
                        rs.getObject("actor_id", UUID.class),
                        rs.getBoolean("internal"),
                        json.readValue(rs.getString("data"), Map.class)))
                .list();
    }

    /** Solved tickets due to close, skipping those another server is closing right now. */
    List<UUID> solvedBefore(Instant cutoff, int batch) {
        return db.sql("select id from tickets where status = 'solved' and solved_at <= ? order by solved_at limit ?"
                        + " for update skip locked")
                .params(ts(cutoff), batch)
                .query(UUID.class)
                .list();
    }

    /** The tickets with these ids, in the order given (ids not found are left out). */
    List<Ticket> load(List<UUID> ids) {
        if (ids.isEmpty()) return List.of();
        Map<UUID, Ticket> byId = new java.util.HashMap<>();
        db.sql("select * from tickets where id = any(?)")
                .param(ids.toArray(UUID[]::new))
                .query(this::ticket)
                .list()
                .forEach(t -> byId.put(t.id(), t));
        List<Ticket> out = new ArrayList<>(ids.size());
        for (UUID id : ids) if (byId.containsKey(id)) out.add(byId.get(id));
        return out;
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }

    Ticket ticket(ResultSet rs, int i) throws SQLException {
        String triage = rs.getString("triage");
        Ticket t = new Ticket(
                rs.getObject("id", UUID.class),
                rs.getLong("number"),
                rs.getObject("organization_id", UUID.class),
                rs.getString("subject"),
                rs.getString("description"),
                Severity.valueOf(rs.getString("severity")),
                SeveritySource.fromWire(rs.getString("severity_source")),
                triage == null ? null : json.readValue(triage, TriageJson.class).suggestion(),
                TicketStatus.fromWire(rs.getString("status")),
                Priority.valueOf(rs.getString("priority").toUpperCase(java.util.Locale.ROOT)),
                Channel.valueOf(rs.getString("channel").toUpperCase(java.util.Locale.ROOT)),
                rs.getObject("requester_id", UUID.class),
                rs.getObject("assignee_id", UUID.class),
                rs.getObject("group_id", UUID.class),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                instant(rs, "solved_at"),
                instant(rs, "closed_at"));
        t.context(rs.getObject("context_article_id", UUID.class));
        return t;
    }
}
