package io.sladesk.server.ticket;

import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.Actor;
import io.sladesk.server.account.Organization;
import io.sladesk.server.account.User;
import io.sladesk.server.kernel.Severity;
import io.sladesk.server.platform.Checks;
import io.sladesk.server.platform.Cursor;
import io.sladesk.server.platform.Page;
import io.sladesk.server.platform.Problems.Forbidden;
import io.sladesk.server.platform.Problems.InvalidInput;
import io.sladesk.server.platform.Problems.NotFound;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ticket module's facade. Every method takes the acting user and applies the access
 * rules: a customer sees only their organization's tickets (anything else is "not
 * found"), never internal notes or internal history.
 */
@Service
public class Tickets {
    private static final String DUE_KEY = "coalesce(next_due_at, 'infinity'::timestamptz)";
    private static final String DUE_PARAM = "coalesce(cast(? as timestamptz), 'infinity'::timestamptz)";
    static final int SUBJECT_LIMIT = 250;
    static final int TEXT_LIMIT = 100_000;
    static final int IDEMPOTENCY_KEY_LIMIT = 255;
    private static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

    private final TicketStore store;
    private final Accounts accounts;
    private final JdbcClient db;
    private final Clock clock;

    Tickets(TicketStore store, Accounts accounts, JdbcClient db, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.db = db;
        this.clock = clock;
    }

    @Transactional
    public Created create(Actor actor, NewTicket req, String idempotencyKey) {
        if (idempotencyKey != null) {
            if (idempotencyKey.isBlank() || idempotencyKey.length() > IDEMPOTENCY_KEY_LIMIT) {
                throw new InvalidInput("Idempotency-Key", "must be 1 to " + IDEMPOTENCY_KEY_LIMIT + " characters long");
            }
            // Serialises requests with the same key, so two concurrent retries create one ticket.
            db.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))")
                    .param(actor.userId() + "/" + idempotencyKey)
                    .query()
                    .listOfRows();
            Optional<UUID> earlier = db.sql("select ticket_id from idempotency_keys where user_id = ? and key = ?"
                            + " and created_at > ?")
                    .params(actor.userId(), idempotencyKey, Timestamp.from(now().minus(IDEMPOTENCY_WINDOW)))
                    .query(UUID.class)
                    .optional();
            if (earlier.isPresent()) {
                return new Created(store.find(earlier.get()).orElseThrow(), true);
            }
        }
        Ticket ticket = open(actor, req);
        store.insert(ticket);
        if (idempotencyKey != null) {
            db.sql("insert into idempotency_keys (user_id, key, ticket_id, created_at) values (?, ?, ?, ?)"
                            + " on conflict (user_id, key) do update set ticket_id = excluded.ticket_id,"
                            + " created_at = excluded.created_at")
                    .params(actor.userId(), idempotencyKey, ticket.id(), Timestamp.from(now()))
                    .update();
        }
        return new Created(ticket, false);
    }

    private Ticket open(Actor actor, NewTicket req) {
        Checks checks = Checks.start();
        String subject = checks.text("subject", req.subject(), SUBJECT_LIMIT);
        String description = req.description() == null
                ? checks.text("description", null, TEXT_LIMIT)
                : checks.optionalText("description", req.description(), TEXT_LIMIT);
        Severity severity = checks.optionalEnum("severity", req.severity(), Severity.class, Severity::wire);
        Channel channel = checks.optionalEnum("channel", req.channel(), Channel.class, Channel::wire);
        Instant createdAt = checks.optionalInstant("createdAt", req.createdAt());
        Instant now = now();
        if (createdAt != null && !actor.isAdmin()) {
            throw new Forbidden("Only admins may import tickets with createdAt");
        }
        if (createdAt != null && createdAt.isAfter(now)) {
            checks.add("createdAt", "lies in the future; an import records what already happened");
        }
        UUID organizationId;
        UUID requesterId;
        if (!actor.isStaff()) {
            // A customer's ticket is always theirs and in their organization.
            organizationId = actor.organizationId();
            requesterId = actor.userId();
        } else {
            Requester r = requester(actor, req, checks);
            organizationId = r.organizationId;
            requesterId = r.requesterId;
        }
        checks.orThrow();
        if (requesterId == null) {
            requesterId = accounts.customerForEmail(
                            req.requesterEmail().trim().toLowerCase(java.util.Locale.ROOT), organizationId)
                    .id();
        }
        Instant at = createdAt == null ? now : createdAt.truncatedTo(ChronoUnit.MILLIS);
        return Ticket.open(
                store.nextNumber(),
                organizationId,
                subject,
                description,
                severity == null ? Severity.P4 : severity,
                channel == null ? Channel.API : channel,
                requesterId,
                actor.userId(),
                at,
                createdAt != null);
    }

    private record Requester(UUID organizationId, UUID requesterId) {}

    /** Staff raise tickets on behalf of a customer (by email) or of an organization. */
    private Requester requester(Actor actor, NewTicket req, Checks checks) {
        Organization org = null;
        if (req.organizationId() != null) {
            org = accounts.organization(req.organizationId()).orElse(null);
            if (org == null)
                checks.add("organizationId", "no organization with id or name '" + req.organizationId() + "'");
        }
        String email = checks.optionalEmail("requesterEmail", req.requesterEmail());
        if (email == null) {
            if (req.organizationId() == null && checks.ok("requesterEmail")) {
                checks.add("organizationId", "is required when an agent opens a ticket without requesterEmail");
            }
            return new Requester(org == null ? null : org.id(), actor.userId());
        }
        Optional<User> user = accounts.userByEmail(email);
        if (user.isPresent() && user.get().organizationId() != null) {
            UUID userOrg = user.get().organizationId();
            if (org != null && !org.id().equals(userOrg)) {
                checks.add("organizationId", "the requester " + email + " belongs to another organization");
            }
            return new Requester(userOrg, user.get().id());
        }
        if (org == null) {
            if (req.organizationId() == null) {
                checks.add("organizationId", "is required for a requester who is not yet a customer");
            }
            return new Requester(null, user.map(User::id).orElse(null));
        }
        // A staff member as requester, or a new customer created in the organization.
        return new Requester(org.id(), user.map(User::id).orElse(null));
    }

    public Ticket get(Actor actor, String id) {
        return visible(actor, store.find(parse(id)), id);
    }

    public Page<Ticket> list(Actor actor, TicketFilter f) {
        Checks checks = Checks.start();
        List<TicketStatus> statuses = list(checks, "status", f.status(), TicketStatus.class, TicketStatus::wire);
        List<Severity> severities = list(checks, "severity", f.severity(), Severity.class, Severity::wire);
        UUID org = checks.optionalId("organizationId", f.organizationId());
        UUID assignee = checks.optionalId("assigneeId", f.assigneeId());
        String sort = f.sort() == null ? "created" : f.sort();
        if (!sort.equals("created") && !sort.equals("due"))
            checks.add("sort", "'" + sort + "' is not one of [created, due]");
        int limit = Cursor.limit(f.limit());
        checks.orThrow();

        StringBuilder sql = new StringBuilder("select * from tickets where true");
        List<Object> params = new ArrayList<>();
        if (!actor.isStaff()) {
            sql.append(" and organization_id = ?");
            params.add(actor.organizationId());
        }
        if (org != null) {
            sql.append(" and organization_id = ?");
            params.add(org);
        }
        if (assignee != null) {
            sql.append(" and assignee_id = ?");
            params.add(assignee);
        }
        if (!statuses.isEmpty()) {
            sql.append(" and status = any(?)");
            params.add(statuses.stream().map(TicketStatus::wire).toArray(String[]::new));
        }
        if (!severities.isEmpty()) {
            sql.append(" and severity = any(?)");
            params.add(severities.stream().map(Severity::wire).toArray(String[]::new));
        }
        if (f.breached() != null) {
            // breached: a breach was recorded, or a running clock is past due and not yet recorded
            sql.append(
                    f.breached()
                            ? " and (sla_breached or next_due_at < ?)"
                            : " and not sla_breached and (next_due_at is null or next_due_at >= ?)");
            params.add(Timestamp.from(clock.instant()));
        }
        // "due": escalated first (higher level first), then the nearest running due instant,
        // then tickets without a running clock, newest first. Matches tickets_queue_idx.
        boolean due = sort.equals("due");
        // the due queue puts escalated tickets first for staff; customers never see
        // escalation, so their queue orders by due instants alone
        String level = actor.isStaff() ? "escalation_level" : "0";
        if (f.cursor() != null) {
            List<String> k = Cursor.decode(f.cursor(), 4);
            try {
                Timestamp created = Timestamp.from(Instant.parse(k.get(2)));
                UUID id = UUID.fromString(k.get(3));
                if (due) {
                    int cursorLevel = Integer.parseInt(k.get(0));
                    Timestamp dueKey = k.get(1).isEmpty() ? null : Timestamp.from(Instant.parse(k.get(1)));
                    sql.append(" and (" + level + " < ? or (" + level + " = ? and (" + DUE_KEY + " > " + DUE_PARAM
                            + " or (" + DUE_KEY + " = " + DUE_PARAM + " and (created_at, id) < (?, ?)))))");
                    params.addAll(List.of(cursorLevel, cursorLevel));
                    params.add(dueKey);
                    params.add(dueKey);
                    params.add(created);
                    params.add(id);
                } else {
                    sql.append(" and (created_at, id) < (?, ?)");
                    params.add(created);
                    params.add(id);
                }
            } catch (RuntimeException e) {
                throw new InvalidInput("cursor", "is not a cursor this list handed out");
            }
        }
        sql.append(
                due
                        ? " order by " + level + " desc, " + DUE_KEY + ", created_at desc, id desc"
                        : " order by created_at desc, id desc");
        sql.append(" limit ?");
        params.add(limit + 1);
        List<Ticket> rows = store.query(sql.toString(), params);
        if (rows.size() <= limit) return new Page<>(rows, null);
        List<Ticket> items = rows.subList(0, limit);
        Ticket last = items.get(limit - 1);
        return new Page<>(
                List.copyOf(items),
                Cursor.encode(List.of(
                        Integer.toString(last.escalationLevel()),
                        last.nextDueAt() == null ? "" : last.nextDueAt().toString(),
                        last.createdAt().toString(),
                        last.id().toString())));
    }

    public List<Message> messages(Actor actor, String id) {
        Ticket t = get(actor, id);
        return store.messages(t.id(), actor.isStaff());
    }

    @Transactional
    public Message post(Actor actor, String id, String body, String visibility) {
        Checks checks = Checks.start();
        String text = checks.text("body", body, TEXT_LIMIT);
        Visibility v = checks.optionalEnum("visibility", visibility, Visibility.class, Visibility::wire);
        Ticket t = locked(actor, id);
        checks.orThrow();
        Message m = t.post(actor, text, v == null ? Visibility.PUBLIC : v, now());
        store.update(t);
        return m;
    }

    @Transactional
    public Ticket changeStatus(Actor actor, String id, String status) {
        Checks checks = Checks.start();
        TicketStatus to = checks.requiredEnum("status", status, TicketStatus.class, TicketStatus::wire);
        Ticket t = locked(actor, id);
        checks.orThrow();
        t.changeStatus(actor, to, now());
        store.update(t);
        return t;
    }

    @Transactional
    public Ticket assign(Actor actor, String id, String assigneeId, String groupId) {
        Ticket t = locked(actor, id);
        if (!actor.isStaff()) throw new Forbidden("Only agents may assign tickets");
        Checks checks = Checks.start();
        if (assigneeId == null && groupId == null) checks.add("assigneeId", "give assigneeId, groupId or both");
        UUID assignee = checks.optionalId("assigneeId", assigneeId);
        String description = "";
        if (assignee != null) {
            Optional<User> u = accounts.user(assignee);
            if (u.isEmpty()) checks.add("assigneeId", "no user with id '" + assignee + "'");
            else if (!u.get().role().isStaff())
                checks.add("assigneeId", "tickets are assigned to agents, not customers");
            else description = "Assigned to " + u.get().name();
        }
        UUID group = null;
        if (groupId != null) {
            var g = accounts.group(groupId);
            if (g.isEmpty()) checks.add("groupId", "no group with id or name '" + groupId + "'");
            else {
                group = g.get().id();
                description += (description.isEmpty() ? "Assigned to group " : " in group ")
                        + g.get().name();
            }
        }
        checks.orThrow();
        t.assign(actor, assignee, group, description, now());
        store.update(t);
        return t;
    }

    @Transactional
    public Ticket changeSeverity(Actor actor, String id, String severity, String reason) {
        Ticket t = locked(actor, id);
        if (!actor.isStaff())
            throw new Forbidden("Only agents may change the severity; customers ask for a re-evaluation");
        Checks checks = Checks.start();
        Severity to = checks.requiredEnum("severity", severity, Severity.class, Severity::wire);
        String why = checks.text("reason", reason, 2_000);
        checks.orThrow();
        if (t.changeSeverity(actor, to, why, now())) store.update(t);
        return t;
    }

    public List<TimelineEntry> timeline(Actor actor, String id) {
        Ticket t = get(actor, id);
        return store.timeline(t.id(), actor.isStaff());
    }

    /** A ticket by id, whoever asks: for modules acting on their own events, not for requests. */
    public Ticket find(UUID ticketId) {
        return store.find(ticketId).orElseThrow(() -> notFound(ticketId.toString()));
    }

    /** One message of a ticket, whoever asks: for modules acting on their own events. */
    public Optional<Message> findMessage(UUID ticketId, UUID messageId) {
        return store.messages(ticketId, true).stream()
                .filter(m -> m.id().equals(messageId))
                .findFirst();
    }

    /** Escalates a ticket to a level, as the escalation ladder says; see {@link Ticket#escalate}. */
    @Transactional
    public boolean escalate(
            UUID ticketId, int level, Instant dueAt, Instant at, boolean raisePriority, String groupRef) {
        Ticket t = store.lock(ticketId).orElseThrow(() -> notFound(ticketId.toString()));
        var group = groupRef == null ? Optional.<io.sladesk.server.account.Group>empty() : accounts.group(groupRef);
        boolean changed = t.escalate(
                level,
                dueAt,
                at,
                raisePriority,
                group.map(io.sladesk.server.account.Group::id).orElse(null),
                group.map(io.sladesk.server.account.Group::name).orElse(null));
        if (changed) store.update(t);
        return changed;
    }

    /**
     * The SLA module keeps each ticket's nearest running due instant and breached flag here,
     * so queues sort and filter on one indexed table. A projection, not a ticket change: it
     * is not part of the ticket's history.
     */
    public void recordSlaState(UUID ticketId, Instant nextDueAt, boolean breached) {
        db.sql("update tickets set next_due_at = ?, sla_breached = ? where id = ?")
                .params(nextDueAt == null ? null : Timestamp.from(nextDueAt), breached, ticketId)
                .update();
    }

    /** The ticket under its row lock, if the actor may see it (else "not found"). */
    Ticket lockVisible(Actor actor, String id) {
        return locked(actor, id);
    }

    private Ticket locked(Actor actor, String id) {
        return visible(actor, store.lock(parse(id)), id);
    }

    private static Ticket visible(Actor actor, Optional<Ticket> ticket, String id) {
        return ticket.filter(t -> actor.canSee(t.organizationId())).orElseThrow(() -> notFound(id));
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
    }

    private static NotFound notFound(String id) {
        return new NotFound("Ticket " + id + " does not exist");
    }

    private static <E extends Enum<E>> List<E> list(
            Checks checks, String field, String raw, Class<E> type, java.util.function.Function<E, String> wire) {
        if (raw == null || raw.isBlank()) return List.of();
        List<E> out = new ArrayList<>();
        for (String part : Arrays.stream(raw.split(",")).map(String::trim).toList()) {
            E e = checks.optionalEnum(field, part, type, wire);
            if (e != null) out.add(e);
        }
        return out;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
