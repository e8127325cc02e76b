package io.sladesk.server.ticket;

import io.sladesk.server.account.Actor;
import io.sladesk.server.kernel.Severity;
import io.sladesk.server.platform.Checks;
import io.sladesk.server.platform.Problems.Conflict;
import io.sladesk.server.platform.Problems.Forbidden;
import io.sladesk.server.platform.Problems.NotFound;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Severity re-evaluation: a customer asks, with a reason; an agent accepts (the severity
 * changes, with every SLA rule of a severity change) or declines with a reason the
 * customer reads. One open request per ticket.
 */
@Service
public class Reevaluations {
    private final Tickets tickets;
    private final TicketStore store;
    private final JdbcClient db;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    Reevaluations(
            Tickets tickets,
            TicketStore store,
            JdbcClient db,
            Clock clock,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.tickets = tickets;
        this.store = store;
        this.db = db;
        this.clock = clock;
    }

    @Transactional
    public Reevaluation request(Actor actor, String ticketId, String requested, String reason) {
        Ticket t = tickets.lockVisible(actor, ticketId);
        if (actor.isStaff()) throw new Forbidden("Customers ask for re-evaluations; agents change the severity");
        Checks checks = Checks.start();
        Severity to = checks.requiredEnum("requestedSeverity", requested, Severity.class, Severity::wire);
        String why = checks.text("reason", reason, 2_000);
        if (to != null && to == t.severity()) checks.add("requestedSeverity", "is the ticket's severity already");
        checks.orThrow();
        if (t.status() == TicketStatus.CLOSED) throw new Conflict("Ticket " + t.number() + " is closed");
        if (!open(t.id()).isEmpty()) throw new Conflict("This ticket has an open re-evaluation request already");
        Instant now = now();
        Reevaluation r = new Reevaluation(
                UUID.randomUUID(),
                t.id(),
                actor.userId(),
                t.severity(),
                to,
                why,
                ReevaluationStatus.OPEN,
                now,
                null,
                null,
                null);
        db.sql("insert into reevaluations (id, ticket_id, organization_id, requester_id, from_severity,"
                        + " requested_severity, reason, status, created_at) values (?, ?, ?, ?, ?, ?, ?, 'open', ?)")
                .params(
                        r.id(),
                        t.id(),
                        t.organizationId(),
                        actor.userId(),
                        r.fromSeverity().wire(),
                        to.wire(),
                        why,
                        Timestamp.from(now))
                .update();
        t.recordReevaluation(
                "reevaluation.requested",
                actor.userId(),
                now,
                Map.of(
                        "reevaluationId",
                        r.id().toString(),
                        "fromSeverity",
                        t.severity().wire(),
                        "requestedSeverity",
                        to.wire(),
                        "reason",
                        why));
        store.update(t);
        events.publishEvent(new TicketEvents.ReevaluationRequested(t.summary(), r.id(), to, why, now));
        return r;
    }

    @Transactional
    public Reevaluation decide(Actor actor, String ticketId, String id, Boolean accept, String reason) {
        Ticket t = tickets.lockVisible(actor, ticketId);
        Reevaluation r = find(t.id(), id);
        if (!actor.isStaff()) throw new Forbidden("Agents decide re-evaluation requests");
        Checks checks = Checks.start();
        if (accept == null) checks.add("accept", "is required: true or false");
        String why = checks.text("reason", reason, 2_000);
        checks.orThrow();
        if (r.status() != ReevaluationStatus.OPEN)
            throw new Conflict("This request was " + r.status().wire() + " already");
        Instant now = now();
        ReevaluationStatus status = accept ? ReevaluationStatus.ACCEPTED : ReevaluationStatus.DECLINED;
        db.sql("update reevaluations set status = ?, decided_by = ?, decided_at = ?, decision_reason = ? where id = ?")
                .params(status.wire(), actor.userId(), Timestamp.from(now), why, r.id())
                .update();
        t.recordReevaluation(
                "reevaluation.decided",
                actor.userId(),
                now,
                Map.of("reevaluationId", r.id().toString(), "accept", accept, "reason", why));
        store.update(t);
        events.publishEvent(new TicketEvents.ReevaluationClosed(t.summary(), r.id(), status, now));
        if (accept)
            tickets.changeSeverity(actor, ticketId, r.requestedSeverity().wire(), why);
        return find(t.id(), id);
    }

    @Transactional
    public Reevaluation withdraw(Actor actor, String ticketId, String id) {
        Ticket t = tickets.lockVisible(actor, ticketId);
        Reevaluation r = find(t.id(), id);
        if (!r.requesterId().equals(actor.userId())) throw new Forbidden("Only the customer who asked may withdraw");
        if (r.status() != ReevaluationStatus.OPEN)
            throw new Conflict("This request was " + r.status().wire() + " already");
        Instant now = now();
        db.sql("update reevaluations set status = 'withdrawn', decided_at = ? where id = ?")
                .params(Timestamp.from(now), r.id())
                .update();
        t.recordReevaluation(
                "reevaluation.decided",
                actor.userId(),
                now,
                Map.of("reevaluationId", r.id().toString(), "withdrawn", true));
        store.update(t);
        events.publishEvent(
                new TicketEvents.ReevaluationClosed(t.summary(), r.id(), ReevaluationStatus.WITHDRAWN, now));
        return find(t.id(), id);
    }

    /** A closed ticket is final: a request still open then is withdrawn with it. */
    @org.springframework.context.event.EventListener
    void on(TicketEvents.StatusChanged e) {
        if (e.to() != TicketStatus.CLOSED) return;
        List<Reevaluation> open = open(e.ticketId());
        if (open.isEmpty()) return;
        Ticket t = store.lock(e.ticketId()).orElseThrow();
        for (Reevaluation r : open) t.recordWithdrawnByClosing(r.id(), e.at());
        store.update(t);
        for (Reevaluation r : open) {
            db.sql("update reevaluations set status = 'withdrawn', decided_at = ?,"
                            + " decision_reason = 'the ticket was closed' where id = ?")
                    .params(Timestamp.from(e.at()), r.id())
                    .update();
            events.publishEvent(
                    new TicketEvents.ReevaluationClosed(e.ticket(), r.id(), ReevaluationStatus.WITHDRAWN, e.at()));
        }
    }

    public List<Reevaluation> list(Actor actor, String ticketId) {
        Ticket t = tickets.get(actor, ticketId);
        return db.sql("select * from reevaluations where ticket_id = ? order by created_at")
                .param(t.id())
                .query(Reevaluations::row)
                .list();
    }

    /** A request as a report lists it: with its ticket's number and organization. */
    public record Made(Reevaluation request, long ticketNumber, UUID organizationId) {}

    /** Totals over every request a report's range holds (not only its page). */
    public record Totals(
            long requests,
            long open,
            long accepted,
            long declined,
            long withdrawn,
            java.time.Duration medianResponse) {}

    /**
     * The requests made in {@code [from, to)}, of one organization or (null) all, oldest
     * first, keyset-paged after {@code (afterAt, afterId)}; for reports.
     */
    public List<Made> madeBetween(
            UUID organizationId, Instant from, Instant to, Instant afterAt, UUID afterId, int limit) {
        return db.sql("select r.*, t.number from reevaluations r join tickets t on t.id = r.ticket_id"
                        + " where (cast(? as uuid) is null or r.organization_id = ?) and r.created_at >= ?"
                        + " and r.created_at < ? and (r.created_at, r.id) > (?, ?) order by r.created_at, r.id limit ?")
                .params(
                        organizationId,
                        organizationId,
                        Timestamp.from(from),
                        Timestamp.from(to),
                        Timestamp.from(afterAt),
                        afterId,
                        limit)
                .query((rs, i) ->
                        new Made(row(rs, i), rs.getLong("number"), rs.getObject("organization_id", UUID.class)))
                .list();
    }

    /** Totals of the requests made in {@code [from, to)}; the median response counts decided requests. */
    public Totals totalsBetween(UUID organizationId, Instant from, Instant to) {
        return db.sql("select count(*) n, count(*) filter (where status = 'open') open,"
                        + " count(*) filter (where status = 'accepted') accepted,"
                        + " count(*) filter (where status = 'declined') declined,"
                        + " count(*) filter (where status = 'withdrawn') withdrawn,"
                        + " percentile_cont(0.5) within group (order by extract(epoch from decided_at - created_at))"
                        + " filter (where status in ('accepted', 'declined')) median"
                        + " from reevaluations where (cast(? as uuid) is null or organization_id = ?)"
                        + " and created_at >= ? and created_at < ?")
                .params(organizationId, organizationId, Timestamp.from(from), Timestamp.from(to))
                .query((rs, i) -> {
                    double median = rs.getDouble("median");
                    boolean none = rs.wasNull();
                    return new Totals(
                            rs.getLong("n"),
                            rs.getLong("open"),
                            rs.getLong("accepted"),
                            rs.getLong("declined"),
                            rs.getLong("withdrawn"),
                            none ? null : java.time.Duration.ofMillis(Math.round(median * 1000)));
                })
                .single();
    }

    /** How many requests of an organization wait for a decision. */
    public long openCount(UUID organizationId) {
        return db.sql("select count(*) from reevaluations where organization_id = ? and status = 'open'")
                .param(organizationId)
                .query(Long.class)
                .single();
    }

    public Reevaluation get(Actor actor, String ticketId, String id) {
        return find(tickets.get(actor, ticketId).id(), id);
    }

    private List<Reevaluation> open(UUID ticketId) {
        return db.sql("select * from reevaluations where ticket_id = ? and status = 'open'")
                .param(ticketId)
                .query(Reevaluations::row)
                .list();
    }

    private Reevaluation find(UUID ticketId, String id) {
        UUID rid = io.sladesk.server.platform.Ids.parse(id)
                .orElseThrow(() -> new NotFound("Re-evaluation " + id + " does not exist"));
        return db.sql("select * from reevaluations where ticket_id = ? and id = ?")
                .params(ticketId, rid)
                .query(Reevaluations::row)
                .optional()
                .orElseThrow(() -> new NotFound("Re-evaluation " + id + " does not exist"));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Reevaluation row(ResultSet rs, int i) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new Reevaluation(
                rs.getObject("id", UUID.class),
                rs.getObject("ticket_id", UUID.class),
                rs.getObject("requester_id", UUID.class),
                Severity.valueOf(rs.getString("from_severity")),
                Severity.valueOf(rs.getString("requested_severity")),
                rs.getString("reason"),
                ReevaluationStatus.fromWire(rs.getString("status")),
                rs.getTimestamp("created_at").toInstant(),
                rs.getObject("decided_by", UUID.class),
                decided == null ? null : decided.toInstant(),
                rs.getString("decision_reason"));
    }
}
