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
    static final int SUBJECT_LIMIT = 250;
    static final int TEXT_LIMIT = 100_000;
    static final int IDEMPOTENCY_KEY_LIMIT = 255;
    private static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

    private final TicketStore store;
    private final Accounts accounts;
    private final JdbcClient db;
    private final Clock clock;
    private final io.sladesk.server.triage.Triage triage;

    Tickets(TicketStore store, Accounts accounts, JdbcClient db, Clock clock, io.sladesk.server.triage.Triage triage) {
        this.triage = triage;
        this.store = store;
        this.accounts = accounts;
        this.db = db;
        this.clock = clock;
    }

    @Transactional
    public Created create(Actor actor, NewTicket req, String idempotencyKey) {
        return create(actor, req, idempotencyKey, null);
    }

    /**
     * A ticket that arrived by {@code arrivedBy} as the desk knows it (the widget's session
     * token says so), not as the body claims; null: the body's channel, else the API.
     */
    @Transactional
    public Created create(Actor actor, NewTicket req, String idempotencyKey, Channel arrivedBy) {
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
        Ticket ticket = open(actor, req, arrivedBy);
        ticket.context(req.articleId());
        store.insert(ticket);
        // the TAM follows every ticket of the account
        accounts.organization(ticket.organizationId())
                .map(Organization::tamUserId)
                .ifPresent(tam -> store.follow(ticket.id(), tam, "tam", ticket.createdAt()));
        if (idempotencyKey != null) {
            db.sql("insert into idempotency_keys (user_id, key, ticket_id, created_at) values (?, ?, ?, ?)"
                            + " on conflict (user_id, key) do update set ticket_id = excluded.ticket_id,"
                            + " created_at = excluded.created_at")
                    .params(actor.userId(), idempotencyKey, ticket.id(), Timestamp.from(now()))
                    .update();
        }
        return new Created(ticket, false);
    }

    private Ticket open(Actor actor, NewTicket req, Channel arrivedBy) {
        Checks checks = Checks.start();
        String subject = checks.text("subject", req.subject(), SUBJECT_LIMIT);
        String description = checks.multiLineText("description", req.description(), TEXT_LIMIT);
        Severity severity = checks.optionalEnum("severity", req.severity(), Severity.class, Severity::wire);
        Channel channel = null;
        if (!actor.isStaff() && req.channel() != null) {
            // the channel records how a ticket arrived: the desk sets it, not the customer
            checks.add("channel", "is set by the desk from how the ticket arrives; customers cannot choose it");
        } else {
            channel = checks.optionalEnum("channel", req.channel(), Channel.class, Channel::wire);
        }
        if (arrivedBy != null) channel = arrivedBy;
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
        // left out, the severity is the one the ticket's words suggest, with the reasons kept
        io.sladesk.server.triage.Suggestion suggestion = severity == null ? triage.suggest(subject, description) : null;
        SeveritySource source = suggestion != null
                ? SeveritySource.SUGGESTED
                : actor.isStaff() ? SeveritySource.AGENT : SeveritySource.CUSTOMER;
        Organization org = accounts.organization(organizationId).orElseThrow();
        UUID assignee = org.assignToTam() ? accounts.tamOnDuty(org).orElse(null) : null;
        return Ticket.open(
                store.nextNumber(),
                organizationId,
                subject,
                description,
                suggestion != null ? suggestion.severity() : severity,
                source,
                suggestion,
                channel == null ? Channel.API : channel,
                requesterId,
                assignee,
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

    /**
     * The tickets with these ids in the given order, as this actor may see them (others are
     * left out): for queues that choose and order ids on their own read models.
     */
    public List<Ticket> load(Actor actor, List<UUID> ids) {
        return store.load(ids).stream()
                .filter(t -> actor.canSee(t.organizationId()))
                .toList();
    }

    /** A page of the conversation, oldest first (customers: public messages only), keyset-paged by its order. */
    public Page<Message> messages(Actor actor, String id, Integer limit, String cursor) {
        Ticket t = get(actor, id);
        int n = Cursor.limit(limit);
        long after = cursor == null ? 0 : Cursor.number(Cursor.decode(cursor, 1).get(0), 1, Long.MAX_VALUE);
        List<TicketStore.Numbered> rows = store.messages(t.id(), actor.isStaff(), after, n + 1);
        List<Message> items =
                rows.stream().limit(n).map(TicketStore.Numbered::message).toList();
        String next = rows.size() <= n
                ? null
                : Cursor.encode(List.of(Long.toString(rows.get(n - 1).seq())));
        return new Page<>(items, next);
    }

    @Transactional
    public Message post(Actor actor, String id, String body, String visibility) {
        Checks checks = Checks.start();
        String text = checks.multiLineText("body", body, TEXT_LIMIT);
        // staff say whether a message is public or an internal note; a customer's is always public
        Visibility v = actor.isStaff()
                ? checks.requiredEnum("visibility", visibility, Visibility.class, Visibility::wire)
                : checks.optionalEnum("visibility", visibility, Visibility.class, Visibility::wire);
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
    /**
     * Assigns (or, with an explicit null, unassigns) the assignee and the group given;
     * what a request leaves out stays as it is.
     */
    public Ticket assign(Actor actor, String id, Assignment change) {
        Ticket t = locked(actor, id);
        if (!actor.isStaff()) throw new Forbidden("Only agents may assign tickets");
        Checks checks = Checks.start();
        if (!change.assigneeGiven() && !change.groupGiven())
            checks.add("assigneeId", "give assigneeId, groupId or both (null unassigns)");
        String assigneeId = change.assigneeId();
        String groupId = change.groupId();
        UUID assignee = checks.optionalId("assigneeId", assigneeId);
        if (assignee != null) {
            Optional<User> u = accounts.user(assignee);
            if (u.isEmpty()) checks.add("assigneeId", "no user with id '" + assignee + "'");
            else if (!u.get().role().isStaff())
                checks.add("assigneeId", "tickets are assigned to agents, not customers");
        }
        UUID group = null;
        if (groupId != null) {
            var g = accounts.group(groupId);
            if (g.isEmpty()) checks.add("groupId", "no group with id or name '" + groupId + "'");
            else group = g.get().id();
        }
        checks.orThrow();
        t.assign(
                actor,
                change.assigneeGiven() ? assignee : t.assigneeId(),
                change.groupGiven() ? group : t.groupId(),
                now());
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

    /** An organization's tickets not yet solved or closed: how many of each severity, and the oldest. */
    public record OpenTickets(java.util.Map<Severity, Long> bySeverity, Instant oldestOpenAt) {}

    public OpenTickets open(UUID organizationId) {
        java.util.Map<Severity, Long> counts = new java.util.EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) counts.put(s, 0L);
        Instant[] oldest = {null};
        db.sql("select severity, count(*) n, min(created_at) oldest from tickets where organization_id = ?"
                        + " and status not in ('solved', 'closed') group by severity")
                .param(organizationId)
                .query((rs, i) -> {
                    counts.put(Severity.valueOf(rs.getString("severity")), rs.getLong("n"));
                    Instant o = rs.getTimestamp("oldest").toInstant();
                    if (oldest[0] == null || o.isBefore(oldest[0])) oldest[0] = o;
                    return null;
                })
                .list();
        return new OpenTickets(counts, oldest[0]);
    }

    // ---- followers (staff only: customers neither follow nor see who does)

    /** The staff following a ticket, in the order they began. */
    public List<UUID> followers(Actor actor, UUID ticketId) {
        return actor.isStaff() ? store.followers(ticketId) : List.of();
    }

    /** The followers of each of these tickets (staff only; empty lists for customers). */
    public java.util.Map<UUID, List<UUID>> followers(Actor actor, List<UUID> ticketIds) {
        return actor.isStaff() ? store.followers(ticketIds) : java.util.Map.of();
    }

    /** Whoever follows a ticket, for the modules that tell them what happened to it. */
    public List<UUID> followersOf(UUID ticketId) {
        return store.followers(ticketId);
    }

    /** An agent makes an agent (themselves or another) follow a ticket; following twice is no change. */
    @Transactional
    public Ticket follow(Actor actor, String id, String userId) {
        Ticket t = locked(actor, id);
        if (!actor.isStaff()) throw new Forbidden("Only agents follow tickets");
        store.follow(t.id(), follower(userId), "agent", now());
        return t;
    }

    /** An agent stops an agent following a ticket; the account's TAM follows every ticket and stays. */
    @Transactional
    public Ticket unfollow(Actor actor, String id, String userId) {
        Ticket t = locked(actor, id);
        if (!actor.isStaff()) throw new Forbidden("Only agents follow tickets");
        UUID u = io.sladesk.server.platform.Ids.parse(userId)
                .orElseThrow(() -> new NotFound("User " + userId + " does not exist"));
        boolean tam = accounts.organization(t.organizationId())
                .map(o -> u.equals(o.tamUserId()))
                .orElse(false);
        if (tam)
            throw new io.sladesk.server.platform.Problems.Conflict(
                    "The organization's TAM follows every ticket of the account; name another TAM on the"
                            + " organization instead");
        store.unfollow(t.id(), u);
        return t;
    }

    private UUID follower(String userId) {
        UUID u = io.sladesk.server.platform.Ids.parse(userId)
                .orElseThrow(() -> new NotFound("User " + userId + " does not exist"));
        User user = accounts.user(u).orElseThrow(() -> new NotFound("User " + userId + " does not exist"));
        if (!user.role().isStaff())
            throw new InvalidInput("userId", "only agents follow tickets; " + user.email() + " is a customer");
        if (!accounts.isActive(u)) throw new InvalidInput("userId", user.email() + " is deactivated");
        return u;
    }

    @org.springframework.context.event.EventListener
    void on(io.sladesk.server.account.AccountEvents.TamChanged e) {
        store.moveTamFollows(e.organizationId(), e.previousTamUserId(), e.tamUserId(), now());
    }

    public List<TimelineEntry> timeline(Actor actor, String id) {
        Ticket t = get(actor, id);
        return store.timeline(t.id(), actor.isStaff());
    }

    /** A ticket by id, whoever asks: for modules acting on their own events, not for requests. */
    public Ticket find(UUID ticketId) {
        return store.find(ticketId).orElseThrow(() -> notFound(ticketId.toString()));
    }

    /**
     * The escalation ladder acts on a ticket at a level (the SLA module fired it, once):
     * see {@link Ticket#escalate}. Returns the ticket after the change, or empty when it
     * was closed meanwhile and left alone.
     */
    @Transactional
    public Optional<TicketSummary> escalate(
            UUID ticketId, int level, Instant dueAt, Instant at, boolean raisePriority, UUID groupId) {
        Ticket t = store.lock(ticketId).orElseThrow(() -> notFound(ticketId.toString()));
        if (!t.escalate(level, dueAt, at, raisePriority, groupId)) return Optional.empty();
        store.update(t);
        return Optional.of(t.summary());
    }

    /** The tickets with these ids as they stand, by id (for modules acting on their own events, per batch). */
    public java.util.Map<UUID, TicketSummary> summaries(java.util.Collection<UUID> ticketIds) {
        java.util.Map<UUID, TicketSummary> out = new java.util.HashMap<>();
        for (Ticket t : store.load(List.copyOf(ticketIds))) out.put(t.id(), t.summary());
        return out;
    }

    /** {@link #followersOf(UUID)} of each of these tickets, in one read (tickets without followers left out). */
    public java.util.Map<UUID, List<UUID>> followersOf(java.util.Collection<UUID> ticketIds) {
        return store.followers(List.copyOf(ticketIds));
    }

    /** One level the ladder reached on a ticket: what {@link #escalate} takes. */
    public record Escalation(
            UUID ticketId, int level, Instant dueAt, Instant at, boolean raisePriority, UUID groupId) {}

    /**
     * {@link #escalate} of many levels at once (a timer batch's), in the order given, a
     * ticket's levels one after another: the tickets are locked and read in one statement,
     * written and their history appended in one each. Returns, for each level in the order
     * given, the ticket after it, or empty when the ticket was closed (or is unknown) and
     * left alone.
     */
    @Transactional
    public List<Optional<TicketSummary>> escalateAll(List<Escalation> levels) {
        if (levels.isEmpty()) return List.of();
        java.util.Map<UUID, Ticket> locked =
                store.lockAll(levels.stream().map(Escalation::ticketId).toList());
        java.util.Map<UUID, Ticket> changed = new java.util.LinkedHashMap<>();
        List<Optional<TicketSummary>> out = new java.util.ArrayList<>(levels.size());
        for (Escalation e : levels) {
            Ticket t = locked.get(e.ticketId());
            if (t == null || !t.escalate(e.level(), e.dueAt(), e.at(), e.raisePriority(), e.groupId())) {
                out.add(Optional.empty());
                continue;
            }
            changed.put(t.id(), t);
            out.add(Optional.of(t.summary()));
        }
        store.updateAll(List.copyOf(changed.values()));
        return out;
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
        return io.sladesk.server.platform.Ids.parse(id).orElseThrow(() -> notFound(id));
    }

    private static NotFound notFound(String id) {
        return new NotFound("Ticket " + id + " does not exist");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
