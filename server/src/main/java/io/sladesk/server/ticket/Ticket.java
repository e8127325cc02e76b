package io.sladesk.server.ticket;

import io.sladesk.server.account.Actor;
import io.sladesk.server.kernel.Severity;
import io.sladesk.server.platform.Problems.Conflict;
import io.sladesk.server.platform.Problems.Forbidden;
import io.sladesk.server.ticket.TicketEvents.MessagePosted;
import io.sladesk.server.ticket.TicketEvents.SeverityChanged;
import io.sladesk.server.ticket.TicketEvents.StatusChanged;
import io.sladesk.server.ticket.TicketEvents.TicketAssigned;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Ticket aggregate. It alone decides which transitions are allowed (the status
 * machine of the API contract) and records what each one did: a timeline entry for the
 * ticket's history and an event for other modules. Callers load it under a row lock,
 * call one transition and save it, so concurrent changes never overwrite each other.
 */
public final class Ticket {
    private final UUID id;
    private final long number;
    private final UUID organizationId;
    private final String subject;
    private final String description;
    private Severity severity;
    private SeveritySource severitySource;
    private final io.sladesk.server.triage.Suggestion triage;
    private TicketStatus status;
    private Priority priority;
    private final Channel channel;
    private final UUID requesterId;
    private UUID assigneeId;
    private UUID groupId;
    private final Instant createdAt;
    private Instant updatedAt;
    private Instant solvedAt;
    private Instant closedAt;
    // the knowledge-base article the ticket was raised from, if any (its context)
    private UUID contextArticleId;

    private final List<TimelineEntry> newEntries = new ArrayList<>();
    private final List<Object> newEvents = new ArrayList<>();
    private final List<Message> newMessages = new ArrayList<>();

    Ticket(
            UUID id,
            long number,
            UUID organizationId,
            String subject,
            String description,
            Severity severity,
            SeveritySource severitySource,
            io.sladesk.server.triage.Suggestion triage,
            TicketStatus status,
            Priority priority,
            Channel channel,
            UUID requesterId,
            UUID assigneeId,
            UUID groupId,
            Instant createdAt,
            Instant updatedAt,
            Instant solvedAt,
            Instant closedAt) {
        this.id = id;
        this.severitySource = severitySource;
        this.triage = triage;
        this.number = number;
        this.organizationId = organizationId;
        this.subject = subject;
        this.description = description;
        this.severity = severity;
        this.status = status;
        this.priority = priority;
        this.channel = channel;
        this.requesterId = requesterId;
        this.assigneeId = assigneeId;
        this.groupId = groupId;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.solvedAt = solvedAt;
        this.closedAt = closedAt;
    }

    /**
     * A new ticket, as a requester raised it (or an admin imported it). Its severity was
     * chosen ({@code triage} null) or suggested from its words; {@code assignee} is the
     * organization's TAM when the account assigns new tickets to its TAM.
     */
    static Ticket open(
            long number,
            UUID organizationId,
            String subject,
            String description,
            Severity severity,
            SeveritySource source,
            io.sladesk.server.triage.Suggestion triage,
            Channel channel,
            UUID requesterId,
            UUID assignee,
            UUID actorId,
            Instant createdAt,
            boolean imported) {
        Ticket t = new Ticket(
                UUID.randomUUID(),
                number,
                organizationId,
                subject,
                description,
                severity,
                source,
                triage,
                TicketStatus.NEW,
                Priority.NORMAL,
                channel,
                requesterId,
                assignee,
                null,
                createdAt,
                createdAt,
                null,
                null);
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("severity", severity.wire());
        data.put("severitySource", source.wire());
        data.put("channel", channel.wire());
        if (imported) data.put("imported", true);
        t.record(createdAt, "ticket.created", actorId, false, data);
        if (assignee != null) {
            t.record(createdAt, "assigned", null, true, Map.of("assigneeId", assignee.toString(), "reason", "tam"));
        }
        t.newEvents.add(new TicketEvents.TicketCreated(t.summary(), description, imported));
        if (assignee != null) t.newEvents.add(new TicketAssigned(t.summary(), assignee, null, null, createdAt));
        return t;
    }

    /**
     * The status machine of the API contract. Agents move between the working states and
     * solved, and close solved tickets; customers may mark their ticket solved or reopen
     * it; closed is final.
     */
    void changeStatus(Actor actor, TicketStatus to, Instant at) {
        requireNotClosed();
        if (actor.isStaff()) {
            boolean allowed = status.isWorking()
                    ? to != TicketStatus.NEW && to != TicketStatus.CLOSED
                    : status == TicketStatus.SOLVED && to == TicketStatus.CLOSED;
            if (!allowed || to == status) throw illegal(to);
        } else {
            if (to != TicketStatus.SOLVED && to != TicketStatus.OPEN) {
                // the status machine lets customers solve and reopen; any other change is a 409
                throw new Conflict("A customer may mark a ticket solved or reopen it, not move it to " + to.wire());
            }
            boolean allowed = to == TicketStatus.SOLVED ? status.isWorking() : status == TicketStatus.SOLVED;
            if (!allowed) throw illegal(to);
        }
        moveTo(to, actor.userId(), at, null);
    }

    /** Solved tickets close by themselves after a while (7 days unless configured). */
    void closeAutomatically(Instant at) {
        if (status != TicketStatus.SOLVED) throw illegal(TicketStatus.CLOSED);
        moveTo(TicketStatus.CLOSED, null, at, StatusReason.AUTO_CLOSED);
    }

    /**
     * A message in the conversation. An agent's public reply opens a new ticket; a
     * customer's message reopens a ticket waiting on them or solved.
     */
    Message post(Actor actor, String body, Visibility visibility, Instant at) {
        requireNotClosed();
        if (!actor.isStaff() && visibility == Visibility.INTERNAL) {
            throw new Forbidden("Customers cannot write internal notes");
        }
        Message m = new Message(UUID.randomUUID(), id, actor.userId(), body, visibility, at);
        newMessages.add(m);
        boolean internal = visibility == Visibility.INTERNAL;
        record(
                at,
                internal ? "message.internal" : "message.public",
                actor.userId(),
                internal,
                Map.of("messageId", m.id().toString(), "byStaff", actor.isStaff()));
        newEvents.add(new MessagePosted(summary(), m.id(), actor.userId(), actor.isStaff(), visibility, body, at));
        if (actor.isStaff() && !internal && status == TicketStatus.NEW) {
            moveTo(TicketStatus.OPEN, actor.userId(), at, StatusReason.FIRST_REPLY);
        } else if (!actor.isStaff() && (status == TicketStatus.PENDING || status == TicketStatus.SOLVED)) {
            moveTo(
                    TicketStatus.OPEN,
                    actor.userId(),
                    at,
                    status == TicketStatus.SOLVED ? StatusReason.REOPENED_BY_MESSAGE : StatusReason.CUSTOMER_REPLIED);
        }
        return m;
    }

    void assign(Actor actor, UUID assignee, UUID group, Instant at) {
        requireStaff(actor, "assign tickets");
        requireNotClosed();
        this.assigneeId = assignee;
        this.groupId = group;
        record(at, "assigned", actor.userId(), true, mapOfNullable("assigneeId", assignee, "groupId", group));
        newEvents.add(new TicketAssigned(summary(), assignee, group, actor.userId(), at));
        // internal: customers read updatedAt, and an assignment is nothing they can see
    }

    /** Returns whether anything changed: setting the same severity again is no change. */
    boolean changeSeverity(Actor actor, Severity to, String reason, Instant at) {
        requireStaff(actor, "change the severity");
        requireNotClosed();
        if (to == severity) return false;
        Severity from = severity;
        severity = to;
        severitySource = SeveritySource.AGENT;
        record(
                at,
                "severity.changed",
                actor.userId(),
                false,
                Map.of("from", from.wire(), "to", to.wire(), "reason", reason));
        newEvents.add(new SeverityChanged(summary(), from, to, reason, actor.userId(), at));
        touch(at);
        return true;
    }

    /**
     * The escalation ladder acted on the ticket at a level: the internal priority raised a
     * step when the level says so, the ticket reassigned to an escalation group when it
     * names one, and the escalation recorded (internal). The SLA module owns the level and
     * fires each level once; a closed ticket is left alone. Returns whether it was recorded.
     */
    boolean escalate(int level, Instant dueAt, Instant at, boolean raisePriority, UUID group) {
        if (status == TicketStatus.CLOSED) return false;
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("level", level);
        data.put("dueAt", dueAt.toString());
        if (raisePriority && priority != Priority.URGENT) {
            priority = Priority.values()[priority.ordinal() + 1];
            data.put("priority", priority.wire());
        }
        if (group != null) {
            groupId = group;
            data.put("groupId", group.toString());
        }
        record(at, "escalation.raised", null, true, data);
        return true; // internal, like assignment: updatedAt is what customers can see change
    }

    /** Closing the ticket withdrew its open re-evaluation request: recorded as the request's end. */
    void recordWithdrawnByClosing(UUID reevaluationId, Instant at) {
        record(
                at,
                "reevaluation.decided",
                null,
                false,
                Map.of("reevaluationId", reevaluationId.toString(), "withdrawn", true, "reason", "ticket_closed"));
    }

    /** A re-evaluation request or decision, part of the ticket's history customers read. */
    void recordReevaluation(String type, UUID actorId, Instant at, Map<String, Object> data) {
        requireNotClosed();
        record(at, type, actorId, false, data);
        touch(at);
    }

    private void moveTo(TicketStatus to, UUID actorId, Instant at, StatusReason why) {
        TicketStatus from = status;
        status = to;
        if (to == TicketStatus.SOLVED) solvedAt = at;
        if (to == TicketStatus.CLOSED) closedAt = at;
        if (from == TicketStatus.SOLVED && to == TicketStatus.OPEN) solvedAt = null;
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("from", from.wire());
        data.put("to", to.wire());
        if (why != null) data.put("reason", why.wire());
        record(at, "status.changed", actorId, false, data);
        touch(at);
        newEvents.add(new StatusChanged(summary(), from, to, actorId, at));
    }

    /** History is data (type, values, actor); its words are rendered when read, in the reader's language. */
    private void record(Instant at, String type, UUID actorId, boolean internal, Map<String, Object> data) {
        newEntries.add(new TimelineEntry(0, UUID.randomUUID(), at, type, actorId, internal, data));
    }

    /** What the ticket is now, for the events its listeners act on without reading it again. */
    public TicketSummary summary() {
        return new TicketSummary(
                id,
                number,
                subject,
                organizationId,
                requesterId,
                assigneeId,
                groupId,
                severity,
                status,
                priority,
                channel,
                createdAt);
    }

    private void touch(Instant at) {
        if (at.isAfter(updatedAt)) updatedAt = at;
    }

    private void requireNotClosed() {
        if (status == TicketStatus.CLOSED) throw new Conflict("Ticket " + number + " is closed; closed is final");
    }

    private static void requireStaff(Actor actor, String what) {
        if (!actor.isStaff()) throw new Forbidden("Only agents may " + what);
    }

    private Conflict illegal(TicketStatus to) {
        return new Conflict("A ticket cannot move from " + status.wire() + " to " + to.wire());
    }

    private static Map<String, Object> mapOfNullable(String k1, Object v1, String k2, Object v2) {
        java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
        if (v1 != null) m.put(k1, v1.toString());
        if (v2 != null) m.put(k2, v2.toString());
        return m;
    }

    List<TimelineEntry> drainEntries() {
        List<TimelineEntry> out = List.copyOf(newEntries);
        newEntries.clear();
        return out;
    }

    List<Object> drainEvents() {
        List<Object> out = List.copyOf(newEvents);
        newEvents.clear();
        return out;
    }

    List<Message> drainMessages() {
        List<Message> out = List.copyOf(newMessages);
        newMessages.clear();
        return out;
    }

    public UUID id() {
        return id;
    }

    /** The knowledge-base article the customer read before raising the ticket, or null. */
    public UUID contextArticleId() {
        return contextArticleId;
    }

    void context(UUID articleId) {
        this.contextArticleId = articleId;
    }

    public long number() {
        return number;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public String subject() {
        return subject;
    }

    public String description() {
        return description;
    }

    public Severity severity() {
        return severity;
    }

    public TicketStatus status() {
        return status;
    }

    public SeveritySource severitySource() {
        return severitySource;
    }

    /** The suggestion the ticket's severity came from, kept after an agent changes it; null when chosen. */
    public io.sladesk.server.triage.Suggestion triage() {
        return triage;
    }

    public Priority priority() {
        return priority;
    }

    public Channel channel() {
        return channel;
    }

    public UUID requesterId() {
        return requesterId;
    }

    public UUID assigneeId() {
        return assigneeId;
    }

    public UUID groupId() {
        return groupId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant solvedAt() {
        return solvedAt;
    }

    public Instant closedAt() {
        return closedAt;
    }
}
