package io.sladesk.server.queue;

import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.Actor;
import io.sladesk.server.kernel.Severity;
import io.sladesk.server.platform.Checks;
import io.sladesk.server.platform.Cursor;
import io.sladesk.server.platform.Page;
import io.sladesk.server.ticket.Ticket;
import io.sladesk.server.ticket.TicketStatus;
import io.sladesk.server.ticket.Tickets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The ticket list: filters and the two orders of the contract. {@code created} is newest
 * first. {@code due} is the queue: for staff, escalated tickets first (higher level first),
 * then the nearest due instant of a running first-response or resolution clock, then
 * tickets without one, newest first; customers never see escalation, so their queue orders
 * by due instants alone. A re-evaluation request's clock counts in neither the queue nor
 * {@code breached}: it is the re-evaluation's own promise, not the ticket's.
 */
@Service
public class TicketQueue {
    private static final String DUE_KEY = "coalesce(s.next_due_at, 'infinity'::timestamptz)";
    private static final String DUE_PARAM = "coalesce(cast(? as timestamptz), 'infinity'::timestamptz)";
    /**
     * Every ticket has its row of the SLA read model from the transaction that opened it, so
     * the queue joins it inner and orders by its columns as they are: the order then walks
     * {@code sla_tickets_queue_order_idx} (level, due) and sorts only ties, instead of sorting
     * every ticket for each page.
     */
    private static final String LEVEL = "s.escalation_level";
    /**
     * Escalated first, as the index holds it ({@code sla_tickets_queue_order_idx}: the level
     * negated, then the due key, both ascending), so a keyset bound on the two is one range.
     */
    private static final String LEVEL_FIRST = "(-s.escalation_level)";

    private final JdbcClient db;
    private final Tickets tickets;
    private final Clock clock;
    private final Accounts accounts;

    TicketQueue(JdbcClient db, Tickets tickets, Clock clock, Accounts accounts) {
        this.accounts = accounts;
        this.db = db;
        this.tickets = tickets;
        this.clock = clock;
    }

    private record Row(UUID id, int level, Instant due, Instant created) {}

    public Page<Ticket> list(Actor actor, TicketFilter f) {
        return list(actor, f, (sql, params) -> {});
    }

    /** The agent console's queues; each is ordered as {@code sort=due}. */
    public enum View {
        /** Working tickets assigned to the viewer. */
        MINE,
        /** Working tickets nobody is assigned to. */
        UNASSIGNED,
        /** Working tickets with a running clock past its warning share, not breached. */
        BREACHING_SOON,
        /** Working tickets with a breached clock or an escalation level. */
        BREACHED,
        /** Tickets with an open severity re-evaluation request. */
        REEVALUATIONS,
        /** Every ticket the filters let through. */
        ALL
    }

    private static final String[] WORKING = {"new", "open", "pending", "on_hold"};

    /**
     * A console queue (staff only), filtered as the list is and searched by {@code search}:
     * a ticket number, or text found in the subject, the requester's name or email, or a
     * message. Ordered escalated first, then by the nearest due instant; keyset-paged.
     */
    public Page<Ticket> console(Actor actor, View view, TicketFilter f, String search) {
        if (!actor.isStaff())
            throw new io.sladesk.server.platform.Problems.Forbidden("Only agents work the console's queues");
        if (search != null && (search.indexOf('\u0000') >= 0 || search.length() > 500))
            throw new io.sladesk.server.platform.Problems.InvalidInput(
                    "q", search.length() > 500 ? "is longer than 500 characters" : "contains a NUL character");
        TicketFilter due = new TicketFilter(
                f.status(),
                f.severity(),
                f.breached(),
                f.organizationId(),
                f.assigneeId(),
                "due",
                f.limit(),
                f.cursor(),
                f.requesterId());
        boolean statusGiven = f.status() != null && !f.status().isBlank();
        Timestamp now = Timestamp.from(clock.instant());
        return list(actor, due, (sql, params) -> {
            if (!statusGiven && view != View.ALL && view != View.REEVALUATIONS) {
                sql.append(" and t.status = any(?)");
                params.add(WORKING);
            }
            switch (view) {
                case MINE -> {
                    sql.append(" and t.assignee_id = ?");
                    params.add(actor.userId());
                }
                case UNASSIGNED -> sql.append(" and t.assignee_id is null");
                case BREACHING_SOON -> {
                    // warned (recorded, or a warning timer past its instant), running, not breached
                    sql.append(" and not coalesce(s.breached, false) and s.next_due_at >= ?"
                            + " and exists (select 1 from sla_clocks c where c.ticket_id = t.id"
                            + " and c.metric in ('first_response', 'resolution') and c.stopped_at is null"
                            + " and c.paused_since is null and c.breached_at is null and (c.warned_at is not null"
                            + " or exists (select 1 from sla_timers w where w.ticket_id = c.ticket_id"
                            + " and w.metric = c.metric and w.kind = 'warning' and w.fire_at <= ?)))");
                    params.add(now);
                    params.add(now);
                }
                case BREACHED -> {
                    sql.append(" and (coalesce(s.breached, false) or s.next_due_at < ? or " + LEVEL + " > 0)");
                    params.add(now);
                }
                case REEVALUATIONS ->
                    sql.append(
                            " and exists (select 1 from reevaluations r where r.ticket_id = t.id and r.status = 'open')");
                case ALL -> {}
            }
            String q = search == null ? "" : search.strip();
            if (!q.isEmpty()) {
                // each branch served by an index (trigram GIN, number, requester), then intersected
                String like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
                sql.append(" and t.id in (select id from tickets where subject ilike ?"
                        + " union select x.id from tickets x join users u on u.id = x.requester_id"
                        + " where u.email ilike ? or u.name ilike ?"
                        + " union select ticket_id from ticket_messages where body ilike ?");
                params.add(like);
                params.add(like);
                params.add(like);
                params.add(like);
                String digits = q.startsWith("#") ? q.substring(1) : q;
                if (digits.matches("[0-9]{1,18}")) {
                    sql.append(" union select id from tickets where number = ?");
                    params.add(Long.parseLong(digits));
                }
                sql.append(")");
            }
        });
    }

    /** The id of the ticket with this number, whoever may see it (the ticket facade then applies access). */
    public java.util.Optional<UUID> idOfNumber(long number) {
        return db.sql("select id from tickets where number = ?")
                .param(number)
                .query(UUID.class)
                .optional();
    }

    /** Adds conditions (with their parameters) to a list's query. */
    private interface Extra {
        void add(StringBuilder sql, List<Object> params);
    }

    private Page<Ticket> list(Actor actor, TicketFilter f, Extra extra) {
        Checks checks = Checks.start();
        List<TicketStatus> statuses = list(checks, "status", f.status(), TicketStatus.class, TicketStatus::wire);
        List<Severity> severities = list(checks, "severity", f.severity(), Severity.class, Severity::wire);
        UUID org = checks.optionalId("organizationId", f.organizationId());
        UUID assignee = checks.optionalId("assigneeId", f.assigneeId());
        UUID requester =
                "me".equals(f.requesterId()) ? actor.userId() : checks.optionalId("requesterId", f.requesterId());
        String sort = f.sort() == null ? "created" : f.sort();
        if (!sort.equals("created") && !sort.equals("due"))
            checks.add("sort", "'" + sort + "' is not one of [created, due]");
        int limit = Cursor.limit(f.limit());
        checks.orThrow();
        if (org != null && !actor.canSee(org))
            throw new io.sladesk.server.platform.Problems.InvalidInput(
                    "organizationId", "names no organization you can see");
        // who works a ticket is internal: a customer may not learn it by filtering either
        if (assignee != null && !actor.isStaff())
            throw new io.sladesk.server.platform.Problems.Forbidden("Only agents may filter by assigneeId");
        // a customer names requesters of their own organization only, as they do organizations
        if (requester != null
                && !actor.isStaff()
                && !requester.equals(actor.userId())
                && accounts.user(requester)
                        .filter(u -> actor.organizationId().equals(u.organizationId()))
                        .isEmpty())
            throw new io.sladesk.server.platform.Problems.InvalidInput(
                    "requesterId", "names no user of your organization");

        boolean staff = actor.isStaff();
        StringBuilder sql = new StringBuilder("select t.id, " + LEVEL + " as level, s.next_due_at, t.created_at"
                + " from sla_tickets s join tickets t on t.id = s.ticket_id where true");
        List<Object> params = new ArrayList<>();
        if (!staff) {
            sql.append(" and t.organization_id = ?");
            params.add(actor.organizationId());
        }
        if (org != null) {
            sql.append(" and t.organization_id = ?");
            params.add(org);
        }
        if (assignee != null) {
            sql.append(" and t.assignee_id = ?");
            params.add(assignee);
        }
        if (requester != null) {
            sql.append(" and t.requester_id = ?");
            params.add(requester);
        }
        if (!statuses.isEmpty()) {
            sql.append(" and t.status = any(?)");
            params.add(statuses.stream().map(TicketStatus::wire).toArray(String[]::new));
        }
        if (!severities.isEmpty()) {
            sql.append(" and t.severity = any(?)");
            params.add(severities.stream().map(Severity::wire).toArray(String[]::new));
        }
        if (f.breached() != null) {
            // breached: a breach was recorded, or a running clock is past due and not yet recorded
            sql.append(
                    f.breached()
                            ? " and (coalesce(s.breached, false) or s.next_due_at < ?)"
                            : " and not coalesce(s.breached, false) and (s.next_due_at is null or s.next_due_at >= ?)");
            params.add(Timestamp.from(clock.instant()));
        }
        extra.add(sql, params);
        boolean due = sort.equals("due");
        if (f.cursor() != null) after(sql, params, f.cursor(), due, staff);
        if (due) {
            sql.append(" order by ")
                    .append(staff ? LEVEL_FIRST + ", " : "")
                    .append(DUE_KEY)
                    .append(", t.created_at desc, t.id desc");
        } else {
            sql.append(" order by t.created_at desc, t.id desc");
        }
        sql.append(" limit ?");
        params.add(limit + 1);
        List<Row> rows = db.sql(sql.toString())
                .params(params)
                .query((rs, i) -> {
                    Timestamp d = rs.getTimestamp("next_due_at");
                    return new Row(
                            rs.getObject("id", UUID.class),
                            rs.getInt("level"),
                            d == null ? null : d.toInstant(),
                            rs.getTimestamp("created_at").toInstant());
                })
                .list();
        List<Row> page = rows.size() <= limit ? rows : rows.subList(0, limit);
        List<Ticket> items = tickets.load(actor, page.stream().map(Row::id).toList());
        if (rows.size() <= limit) return new Page<>(items, null);
        Row last = page.get(limit - 1);
        return new Page<>(
                items,
                Cursor.encode(List.of(
                        Integer.toString(staff ? last.level() : 0),
                        last.due() == null ? "" : last.due().toString(),
                        last.created().toString(),
                        last.id().toString())));
    }

    /** Keyset paging: the rows after the cursor's, in the same order. */
    private static void after(StringBuilder sql, List<Object> params, String cursor, boolean due, boolean staff) {
        List<String> k = Cursor.decode(cursor, 4);
        Timestamp created = Timestamp.from(Cursor.instant(k.get(2)));
        UUID id = Cursor.id(k.get(3));
        if (!due) {
            sql.append(" and (t.created_at, t.id) < (?, ?)");
            params.add(created);
            params.add(id);
            return;
        }
        int level = (int) Cursor.number(k.get(0), 0, Integer.MAX_VALUE);
        Timestamp dueKey = k.get(1).isEmpty() ? null : Timestamp.from(Cursor.instant(k.get(1)));
        String sameLevel = "(" + DUE_KEY + " > " + DUE_PARAM + " or (" + DUE_KEY + " = " + DUE_PARAM
                + " and (t.created_at, t.id) < (?, ?)))";
        if (staff) {
            // the first condition is the index's own range (its columns both ascending), so a deep
            // page starts where the cursor is instead of filtering every row before it
            sql.append(" and (" + LEVEL_FIRST + ", " + DUE_KEY + ") >= (?, " + DUE_PARAM + ")");
            params.add(-level);
            params.add(dueKey);
            sql.append(" and (" + LEVEL + " < ? or (" + LEVEL + " = ? and " + sameLevel + "))");
            params.add(level);
            params.add(level);
        } else {
            sql.append(" and ").append(sameLevel);
        }
        params.add(dueKey);
        params.add(dueKey);
        params.add(created);
        params.add(id);
    }

    private static <E extends Enum<E>> List<E> list(
            Checks checks, String field, String raw, Class<E> type, Function<E, String> wire) {
        if (raw == null || raw.isBlank()) return List.of();
        List<E> out = new ArrayList<>();
        for (String part : Arrays.stream(raw.split(",")).map(String::trim).toList()) {
            E e = checks.optionalEnum(field, part, type, wire);
            if (e != null) out.add(e);
        }
        return out;
    }
}
