package io.sladesk.server.sla;

import io.sladesk.server.kernel.Severity;
import io.sladesk.server.policy.Metric;
import io.sladesk.server.policy.Policies;
import io.sladesk.server.sla.Progress.Pause;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Loads and saves clocks and appends their history. */
@Repository
class ClockStore {
    private final JdbcClient db;
    private final JsonMapper json;

    ClockStore(JdbcClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** The ticket's clocks, row-locked until the transaction ends. */
    List<SlaClock> lock(UUID ticketId) {
        return db.sql("select * from sla_clocks where ticket_id = ? order by metric for update")
                .param(ticketId)
                .query(this::clock)
                .list();
    }

    Optional<SlaClock> lock(UUID ticketId, Metric metric) {
        return db.sql("select * from sla_clocks where ticket_id = ? and metric = ? for update")
                .params(ticketId, metric.wire())
                .query(this::clock)
                .optional();
    }

    List<SlaClock> of(Collection<UUID> ticketIds) {
        if (ticketIds.isEmpty()) return List.of();
        return db.sql("select * from sla_clocks where ticket_id = any(?)")
                .param(ticketIds.toArray(UUID[]::new))
                .query(this::clock)
                .list();
    }

    /**
     * Writes a clock whole: a new one, a changed one, or (for a re-evaluation) one that
     * replaces an earlier request's stopped clock. Its history is kept either way.
     */
    void save(SlaClock c, List<Timer> timers, Instant now) {
        saveAll(List.of(new Saved(c, timers)), now);
    }

    /**
     * A clock to write with the timers it now waits for; {@code stored} are the timers it
     * has in the table now, when the caller read them (then only the difference is
     * written), else null (then they are all replaced).
     */
    record Saved(SlaClock clock, List<Timer> timers, List<Timer> stored) {
        Saved(SlaClock clock, List<Timer> timers) {
            this(clock, timers, null);
        }
    }

    /**
     * {@link #save} of many clocks (each at most once) in one statement per table: the
     * clocks, their new history entries (in the order given, each clock's in the order
     * recorded, so the timeline's sequence follows it), their timers replaced, and one
     * NOTIFY so sleeping timer loops look again (delivered at commit).
     */
    void saveAll(List<Saved> clocks, Instant now) {
        if (clocks.isEmpty()) return;
        int n = clocks.size();
        String[][] col = new String[19][n];
        for (int i = 0; i < n; i++) {
            SlaClock c = clocks.get(i).clock();
            col[0][i] = c.ticketId.toString();
            col[1][i] = c.metric.wire();
            col[2][i] = c.organizationId.toString();
            col[3][i] = str(c.startedAt);
            col[4][i] = c.policyId.toString();
            col[5][i] = c.severity.wire();
            col[6][i] = json.writeValueAsString(Policies.storedTargetJson(c.target));
            col[7][i] = c.calendarId == null ? null : c.calendarId.toString();
            col[8][i] = pausesJson(c);
            col[9][i] = str(c.pausedSince);
            col[10][i] = str(c.dueAt);
            col[11][i] = str(c.dueFloor);
            col[12][i] = str(c.stoppedAt);
            col[13][i] = c.met == null ? null : c.met.toString();
            col[14][i] = str(c.breachedAt);
            col[15][i] = str(c.breachDueAt);
            col[16][i] = str(c.warnedAt);
            col[17][i] = Integer.toString(c.escalationLevel);
            col[18][i] = now.toString();
        }
        db.sql("insert into sla_clocks (ticket_id, metric, organization_id, started_at, policy_id, severity, target,"
                        + " calendar_id, pauses, paused_since, due_at, due_floor, stopped_at, met, breached_at,"
                        + " breach_due_at, warned_at, escalation_level, updated_at)"
                        + " select u.ticket_id, u.metric, u.organization_id, u.started_at, u.policy_id, u.severity,"
                        + " u.target::jsonb, u.calendar_id, u.pauses::jsonb, u.paused_since, u.due_at, u.due_floor,"
                        + " u.stopped_at, u.met, u.breached_at, u.breach_due_at, u.warned_at, u.escalation_level,"
                        + " u.updated_at from unnest(?::uuid[], ?::text[], ?::uuid[], ?::timestamptz[], ?::uuid[],"
                        + " ?::text[], ?::text[], ?::uuid[], ?::text[], ?::timestamptz[], ?::timestamptz[],"
                        + " ?::timestamptz[], ?::timestamptz[], ?::boolean[], ?::timestamptz[], ?::timestamptz[],"
                        + " ?::timestamptz[], ?::int[], ?::timestamptz[]) as u(ticket_id, metric, organization_id,"
                        + " started_at, policy_id, severity, target, calendar_id, pauses, paused_since, due_at,"
                        + " due_floor, stopped_at, met, breached_at, breach_due_at, warned_at, escalation_level,"
                        + " updated_at)"
                        + " on conflict (ticket_id, metric) do update set organization_id = excluded.organization_id,"
                        + " started_at = excluded.started_at, policy_id = excluded.policy_id, severity = excluded.severity,"
                        + " target = excluded.target, calendar_id = excluded.calendar_id, pauses = excluded.pauses,"
                        + " paused_since = excluded.paused_since, due_at = excluded.due_at, due_floor = excluded.due_floor,"
                        + " stopped_at = excluded.stopped_at, met = excluded.met, breached_at = excluded.breached_at,"
                        + " breach_due_at = excluded.breach_due_at, warned_at = excluded.warned_at,"
                        + " escalation_level = excluded.escalation_level, updated_at = excluded.updated_at")
                .params((Object[]) col)
                .update();
        appendHistory(clocks);
        replaceTimers(clocks);
    }

    /**
     * Each clock's timers planned anew, in at most four statements for all the clocks:
     * one removes every timer of the clocks whose stored timers are not known, one removes
     * the known ones no longer planned, one moves in place those of the same kind and level
     * planned at another instant, and one adds the new ones; a timer planned as it is
     * stored is left alone.
     */
    private void replaceTimers(List<Saved> clocks) {
        List<String[]> unknown = new ArrayList<>();
        List<String[]> gone = new ArrayList<>();
        List<String[]> moved = new ArrayList<>();
        List<String[]> added = new ArrayList<>();
        for (Saved s : clocks) {
            String ticket = s.clock().ticketId.toString();
            String metric = s.clock().metric.wire();
            List<Timer> stored = s.stored() == null ? List.of() : s.stored();
            if (s.stored() == null) unknown.add(new String[] {ticket, metric});
            for (Timer t : stored) {
                if (s.timers().stream().noneMatch(p -> sameKey(p, t)))
                    gone.add(new String[] {ticket, metric, t.kind().wire(), Integer.toString(t.level())});
            }
            for (Timer t : s.timers()) {
                if (stored.contains(t)) continue;
                String[] row = {
                    ticket, metric, t.kind().wire(), Integer.toString(t.level()), str(t.fireAt()), str(t.dueAt())
                };
                (stored.stream().anyMatch(p -> sameKey(p, t)) ? moved : added).add(row);
            }
        }
        if (!unknown.isEmpty()) {
            db.sql("delete from sla_timers x using unnest(?::uuid[], ?::text[]) as k(ticket_id, metric)"
                            + " where x.ticket_id = k.ticket_id and x.metric = k.metric")
                    .params(columns(unknown, 2))
                    .update();
        }
        if (!gone.isEmpty()) {
            db.sql("delete from sla_timers x using unnest(?::uuid[], ?::text[], ?::text[], ?::int[])"
                            + " as k(ticket_id, metric, kind, level) where x.ticket_id = k.ticket_id"
                            + " and x.metric = k.metric and x.kind = k.kind and x.level = k.level")
                    .params(columns(gone, 4))
                    .update();
        }
        if (!moved.isEmpty()) {
            db.sql("update sla_timers x set fire_at = k.fire_at, due_at = k.due_at from unnest(?::uuid[], ?::text[],"
                            + " ?::text[], ?::int[], ?::timestamptz[], ?::timestamptz[])"
                            + " as k(ticket_id, metric, kind, level, fire_at, due_at) where x.ticket_id = k.ticket_id"
                            + " and x.metric = k.metric and x.kind = k.kind and x.level = k.level")
                    .params(columns(moved, 6))
                    .update();
        }
        if (!added.isEmpty()) {
            db.sql("insert into sla_timers (ticket_id, metric, kind, level, fire_at, due_at)"
                            + " select * from unnest(?::uuid[], ?::text[], ?::text[], ?::int[], ?::timestamptz[],"
                            + " ?::timestamptz[])")
                    .params(columns(added, 6))
                    .update();
        }
        if (moved.isEmpty() && added.isEmpty()) return;
        db.sql("select pg_notify('sla_timers', '')").query().listOfRows();
    }

    private static boolean sameKey(Timer a, Timer b) {
        return a.kind() == b.kind() && a.level() == b.level();
    }

    /** Rows of text as one array per column, for {@code unnest}. */
    private static Object[] columns(List<String[]> rows, int width) {
        Object[] out = new Object[width];
        for (int c = 0; c < width; c++) {
            String[] col = new String[rows.size()];
            for (int r = 0; r < col.length; r++) col[r] = rows.get(r)[c];
            out[c] = col;
        }
        return out;
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }

    /**
     * The ticket's row of the read model, from its first-response and resolution clocks:
     * the nearest due instant of a running one, whether one breached (recorded, or stopped
     * late), and the escalation level reached. One statement, whatever changed.
     */
    void project(UUID ticketId) {
        projectAll(List.of(ticketId));
    }

    /** {@link #project} of many tickets in one statement. */
    void projectAll(Collection<UUID> ticketIds) {
        if (ticketIds.isEmpty()) return;
        db.sql("insert into sla_tickets (ticket_id, next_due_at, breached, escalation_level)"
                        + " select k.id, min(c.due_at) filter (where c.stopped_at is null and c.paused_since is null),"
                        + " coalesce(bool_or(c.breached_at is not null or c.met = false), false),"
                        + " coalesce(max(c.escalation_level), 0)"
                        + " from unnest(?::uuid[]) as k(id) left join sla_clocks c"
                        + " on c.ticket_id = k.id and c.metric <> 'reevaluation' group by k.id"
                        + " on conflict (ticket_id) do update set next_due_at = excluded.next_due_at,"
                        + " breached = excluded.breached, escalation_level = excluded.escalation_level")
                .param(ticketIds.stream().distinct().toArray(UUID[]::new))
                .update();
    }

    /**
     * The warning instant of each first-response and resolution clock of these tickets: when
     * the warning fired, else when its timer will fire (none once breached, stopped or paused).
     */
    Map<UUID, Map<Metric, Instant>> warnings(java.util.Collection<UUID> ticketIds) {
        Map<UUID, Map<Metric, Instant>> out = new java.util.HashMap<>();
        if (ticketIds.isEmpty()) return out;
        db.sql("select c.ticket_id, c.metric, coalesce(c.warned_at, w.fire_at) as warn_at from sla_clocks c"
                        + " left join sla_timers w on w.ticket_id = c.ticket_id and w.metric = c.metric"
                        + " and w.kind = 'warning' where c.ticket_id = any(?) and c.metric <> 'reevaluation'")
                .param(ticketIds.toArray(UUID[]::new))
                .query((rs, i) -> {
                    Instant at = instant(rs, "warn_at");
                    if (at != null)
                        out.computeIfAbsent(
                                        rs.getObject("ticket_id", UUID.class),
                                        k -> new java.util.EnumMap<>(Metric.class))
                                .put(Metric.fromWire(rs.getString("metric")), at);
                    return at;
                })
                .list();
        return out;
    }

    /** Each re-evaluation request's due instant, from the start of its clock. */
    Map<UUID, Instant> reevaluationDue(UUID ticketId) {
        Map<UUID, Instant> out = new java.util.HashMap<>();
        db.sql("select data ->> 'reevaluationId' as rid, data ->> 'dueAt' as due from sla_clock_events"
                        + " where ticket_id = ? and metric = 'reevaluation' and type = 'clock.started'"
                        + " and data ->> 'reevaluationId' is not null")
                .param(ticketId)
                .query((rs, i) -> Map.entry(UUID.fromString(rs.getString("rid")), Instant.parse(rs.getString("due"))))
                .list()
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /**
     * Every timer of these tickets, in one read: by ticket, each ticket's in the order they
     * apply (instant, then warning before breach before level, levels in order).
     */
    Map<UUID, List<DueTimer>> timers(Collection<UUID> ticketIds) {
        Map<UUID, List<DueTimer>> out = new java.util.HashMap<>();
        if (ticketIds.isEmpty()) return out;
        db.sql("select ticket_id, metric, kind, level, fire_at, due_at from sla_timers where ticket_id = any(?)"
                        + " order by ticket_id, fire_at, case kind when 'warning' then 0 when 'breach' then 1 else 2 end,"
                        + " level")
                .param(ticketIds.stream().distinct().toArray(UUID[]::new))
                .query((rs, i) -> Map.entry(
                        rs.getObject("ticket_id", UUID.class),
                        new DueTimer(
                                Metric.fromWire(rs.getString("metric")),
                                new Timer(
                                        Timer.Kind.valueOf(rs.getString("kind").toUpperCase(java.util.Locale.ROOT)),
                                        rs.getInt("level"),
                                        instant(rs, "fire_at"),
                                        instant(rs, "due_at")))))
                .list()
                .forEach(e ->
                        out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return out;
    }

    record DueTimer(Metric metric, Timer timer) {}

    /** The clocks of these tickets, row-locked (in ticket and metric order) until the transaction ends. */
    List<SlaClock> lockAll(Collection<UUID> ticketIds) {
        if (ticketIds.isEmpty()) return List.of();
        return db.sql("select * from sla_clocks where ticket_id = any(?) order by ticket_id, metric for update")
                .param(ticketIds.stream().distinct().toArray(UUID[]::new))
                .query(this::clock)
                .list();
    }

    private void appendHistory(List<Saved> clocks) {
        List<String[]> rows = new ArrayList<>();
        for (Saved s : clocks) {
            for (ClockEvent e : s.clock().drainEvents()) {
                rows.add(new String[] {
                    e.id().toString(),
                    e.ticketId().toString(),
                    e.metric().wire(),
                    str(e.at()),
                    e.type(),
                    json.writeValueAsString(e.data())
                });
            }
        }
        if (rows.isEmpty()) return;
        db.sql("insert into sla_clock_events (id, ticket_id, metric, at, type, data)"
                        + " select u.id, u.ticket_id, u.metric, u.at, u.type, u.data::jsonb"
                        + " from unnest(?::uuid[], ?::uuid[], ?::text[], ?::timestamptz[], ?::text[], ?::text[])"
                        + " with ordinality as u(id, ticket_id, metric, at, type, data, ord) order by u.ord")
                .params(columns(rows, 6))
                .update();
    }

    List<ClockEvent> history(UUID ticketId) {
        return db.sql("select * from sla_clock_events where ticket_id = ? order by at, seq")
                .param(ticketId)
                .query((rs, i) -> new ClockEvent(
                        rs.getLong("seq"),
                        rs.getObject("id", UUID.class),
                        ticketId,
                        Metric.fromWire(rs.getString("metric")),
                        rs.getTimestamp("at").toInstant(),
                        rs.getString("type"),
                        json.readValue(rs.getString("data"), new TypeReference<Map<String, Object>>() {})))
                .list();
    }

    /**
     * The running clocks under a policy or on a calendar, of the next {@code tickets}
     * tickets after a cursor (whole tickets, so a batch never splits a ticket's clocks), locked.
     */
    /**
     * The open (running or paused) clocks held to any of these subjects, read without a lock:
     * what a change preview would retarget, as {@link #lockAffected} selects them for the real change.
     */
    List<SlaClock> openOn(String column, Collection<UUID> subjects) {
        if (subjects.isEmpty()) return List.of();
        return db.sql("select * from sla_clocks where " + column + " = any(?) and stopped_at is null"
                        + " order by ticket_id, metric")
                .param(subjects.toArray(UUID[]::new))
                .query(this::clock)
                .list();
    }

    List<SlaClock> lockAffected(String column, UUID subject, UUID afterTicket, int tickets) {
        // the batch's tickets first (an index range after the cursor), then their clocks by key
        return db.sql("select * from sla_clocks where " + column
                        + " = ? and stopped_at is null and ticket_id = any(array"
                        + " (select distinct ticket_id from sla_clocks where " + column + " = ? and stopped_at is null"
                        + " and ticket_id > ? order by ticket_id limit ?)) order by ticket_id, metric for update")
                .params(subject, subject, afterTicket, tickets)
                .query(this::clock)
                .list();
    }

    private String pausesJson(SlaClock c) {
        List<List<String>> out = new ArrayList<>();
        for (Pause p : c.pauses) out.add(List.of(p.from().toString(), p.to().toString()));
        return json.writeValueAsString(out);
    }

    private SlaClock clock(ResultSet rs, int i) throws SQLException {
        List<List<String>> rawPauses =
                json.readValue(rs.getString("pauses"), new TypeReference<List<List<String>>>() {});
        List<Pause> pauses = rawPauses.stream()
                .map(p -> new Pause(Instant.parse(p.get(0)), Instant.parse(p.get(1))))
                .toList();
        Object met = rs.getObject("met");
        return new SlaClock(
                rs.getObject("ticket_id", UUID.class),
                Metric.fromWire(rs.getString("metric")),
                rs.getObject("organization_id", UUID.class),
                instant(rs, "started_at"),
                rs.getObject("policy_id", UUID.class),
                Severity.valueOf(rs.getString("severity")),
                Policies.parseTarget(
                        json.readValue(rs.getString("target"), new TypeReference<Map<String, Object>>() {})),
                rs.getObject("calendar_id", UUID.class),
                pauses,
                instant(rs, "paused_since"),
                instant(rs, "due_at"),
                instant(rs, "due_floor"),
                instant(rs, "stopped_at"),
                met == null ? null : (Boolean) met,
                instant(rs, "breached_at"),
                instant(rs, "breach_due_at"),
                instant(rs, "warned_at"),
                rs.getInt("escalation_level"));
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    /** See {@link Clocks#health}. */
    ClockHealth health(java.util.UUID organizationId, Instant since, Instant now) {
        java.sql.Timestamp from = java.sql.Timestamp.from(since);
        java.sql.Timestamp to = java.sql.Timestamp.from(now);
        return db.sql("select"
                        + " count(*) filter (where c.stopped_at is null and c.paused_since is null"
                        + "   and c.breached_at is null and (c.warned_at is not null or exists (select 1 from"
                        + "   sla_timers w where w.ticket_id = c.ticket_id and w.metric = c.metric"
                        + "   and w.kind = 'warning' and w.fire_at <= :to))) at_risk,"
                        + " count(*) filter (where c.breached_at >= :from and c.breached_at <= :to) breached,"
                        + " count(*) filter (where c.stopped_at >= :from and c.stopped_at <= :to) stopped,"
                        + " count(*) filter (where c.stopped_at >= :from and c.stopped_at <= :to and c.met) met,"
                        + " percentile_cont(0.5) within group (order by extract(epoch from c.stopped_at - c.started_at))"
                        + "   filter (where c.metric = 'first_response' and c.stopped_at >= :from"
                        + "   and c.stopped_at <= :to) first_response,"
                        + " percentile_cont(0.5) within group (order by extract(epoch from c.stopped_at - c.started_at))"
                        + "   filter (where c.metric = 'resolution' and c.stopped_at >= :from"
                        + "   and c.stopped_at <= :to) resolution"
                        + " from sla_clocks c where c.organization_id = :org"
                        + " and c.metric in ('first_response', 'resolution')")
                .param("org", organizationId)
                .param("from", from)
                .param("to", to)
                .query((rs, i) -> new ClockHealth(
                        rs.getLong("at_risk"),
                        rs.getLong("breached"),
                        rs.getLong("stopped"),
                        rs.getLong("met"),
                        seconds(rs, "first_response"),
                        seconds(rs, "resolution")))
                .single();
    }

    private static java.time.Duration seconds(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        double s = rs.getDouble(column);
        return rs.wasNull() ? null : java.time.Duration.ofMillis(Math.round(s * 1000));
    }
}
