package io.sladesk.server.notification;

import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.Organization;
import io.sladesk.server.account.User;
import io.sladesk.server.kernel.Severity;
import io.sladesk.server.platform.DeploymentZone;
import io.sladesk.server.sla.ClockEvents.ClockBreached;
import io.sladesk.server.sla.ClockEvents.ClockWarned;
import io.sladesk.server.sla.ClockEvents.EscalationDue;
import io.sladesk.server.sla.ClockView;
import io.sladesk.server.sla.Clocks;
import io.sladesk.server.sla.SlaView;
import io.sladesk.server.ticket.Ticket;
import io.sladesk.server.ticket.TicketEvents.MessagePosted;
import io.sladesk.server.ticket.TicketEvents.SeverityChanged;
import io.sladesk.server.ticket.TicketEvents.StatusChanged;
import io.sladesk.server.ticket.TicketEvents.TicketAssigned;
import io.sladesk.server.ticket.TicketEvents.TicketCreated;
import io.sladesk.server.ticket.TicketStatus;
import io.sladesk.server.ticket.Tickets;
import io.sladesk.server.ticket.Visibility;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Writes the emails an event calls for, in the event's transaction (the outbox), in each
 * reader's language and time zone. Threading: the first email of a ticket to its customer
 * carries the thread's Message-ID; every later one refers to it, so a mail client shows one
 * conversation per ticket. Without an SMTP server configured, no email is written.
 */
@Component
class Mails {
    private final JdbcClient db;
    private final Tickets tickets;
    private final Accounts accounts;
    private final Clocks clocks;
    private final ZoneId deploymentZone;
    private final boolean enabled;
    private final String domain;
    private final java.time.Clock clock;

    Mails(
            JdbcClient db,
            Tickets tickets,
            Accounts accounts,
            Clocks clocks,
            DeploymentZone deploymentZone,
            ObjectProvider<JavaMailSender> sender,
            @Value("${sladesk.mail.domain:sladesk.local}") String domain,
            java.time.Clock clock) {
        this.clock = clock;
        this.db = db;
        this.tickets = tickets;
        this.accounts = accounts;
        this.clocks = clocks;
        this.deploymentZone = deploymentZone.zone();
        this.enabled = sender.getIfAvailable() != null;
        this.domain = domain;
    }

    static String threadId(UUID ticketId, String domain) {
        return "<ticket-" + ticketId + "@" + domain + ">";
    }

    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE)
    void on(TicketCreated e) {
        if (!enabled) return;
        Ticket t = tickets.find(e.ticketId());
        SlaView sla = clocks.views(List.of(t.id())).get(t.id());
        user(t.requesterId()).filter(u -> !u.role().isStaff()).ifPresent(u -> {
            String lang = Templates.language(u.language());
            ZoneId zone = zoneOf(u);
            send(
                    "received:" + t.id(),
                    t,
                    u,
                    "received",
                    true,
                    t.severity().wire(),
                    when(due(sla == null ? null : sla.firstResponse()), zone, lang),
                    when(due(sla == null ? null : sla.resolution()), zone, lang));
        });
        if (t.severity() == Severity.P1 || t.severity() == Severity.P2) {
            Organization org = accounts.organization(t.organizationId()).orElseThrow();
            if (org.tamUserId() != null) {
                user(org.tamUserId())
                        .ifPresent(tam -> send(
                                "urgent:" + t.id(),
                                t,
                                tam,
                                "urgent",
                                false,
                                t.severity().wire(),
                                org.name()));
            }
        }
    }

    @EventListener
    void on(MessagePosted e) {
        if (!enabled || !e.byStaff() || e.visibility() != Visibility.PUBLIC) return;
        Ticket t = tickets.find(e.ticketId());
        String body =
                tickets.findMessage(t.id(), e.messageId()).map(m -> m.body()).orElse("");
        user(t.requesterId())
                .filter(u -> !u.role().isStaff())
                .ifPresent(u -> send("replied:" + e.messageId(), t, u, "replied", false, body));
    }

    @EventListener
    void on(SeverityChanged e) {
        if (!enabled) return;
        Ticket t = tickets.find(e.ticketId());
        user(t.requesterId())
                .filter(u -> !u.role().isStaff())
                .ifPresent(u -> send(
                        "severity:" + t.id() + ":" + e.at().toEpochMilli(),
                        t,
                        u,
                        "severity",
                        false,
                        e.from().wire(),
                        e.to().wire(),
                        e.reason()));
    }

    @EventListener
    void on(StatusChanged e) {
        if (!enabled || e.to() != TicketStatus.SOLVED) return;
        Ticket t = tickets.find(e.ticketId());
        user(t.requesterId())
                .filter(u -> !u.role().isStaff() && !u.id().equals(e.actorId()))
                .ifPresent(u -> send("solved:" + t.id() + ":" + e.at().toEpochMilli(), t, u, "solved", false));
    }

    @EventListener
    void on(TicketAssigned e) {
        if (!enabled || e.assigneeId() == null || e.assigneeId().equals(e.actorId())) return;
        Ticket t = tickets.find(e.ticketId());
        user(e.assigneeId())
                .ifPresent(u -> send(
                        "assigned:" + t.id() + ":" + e.at().toEpochMilli(),
                        t,
                        u,
                        "assigned",
                        false,
                        t.severity().wire()));
    }

    @EventListener
    void on(ClockWarned e) {
        if (!enabled) return;
        Ticket t = tickets.find(e.ticketId());
        for (User u : staff(t, true, false, true)) {
            String lang = Templates.language(u.language());
            send(
                    "warned:" + t.id() + ":" + e.metric().wire(),
                    t,
                    u,
                    "warned",
                    false,
                    Templates.clock(lang, e.metric().wire()),
                    when(e.dueAt(), zoneOf(u), lang));
        }
    }

    @EventListener
    void on(ClockBreached e) {
        if (!enabled) return;
        Ticket t = tickets.find(e.ticketId());
        for (User u : staff(t, true, false, true)) {
            String lang = Templates.language(u.language());
            send(
                    "breached:" + t.id() + ":" + e.metric().wire(),
                    t,
                    u,
                    "breached",
                    false,
                    Templates.clock(lang, e.metric().wire()),
                    when(e.dueAt(), zoneOf(u), lang));
        }
    }

    @EventListener
    void on(EscalationDue e) {
        if (!enabled) return;
        Ticket t = tickets.find(e.ticketId());
        List<User> to = staff(
                t,
                e.actions().contains("notify_assignee"),
                e.actions().contains("notify_escalation_managers"),
                e.actions().contains("notify_tam"));
        for (User u : to)
            send("escalated:" + t.id() + ":" + e.level(), t, u, "escalated", false, Integer.toString(e.level()));
    }

    private List<User> staff(Ticket t, boolean assignee, boolean managers, boolean tam) {
        Set<UUID> ids = new LinkedHashSet<>();
        if (assignee && t.assigneeId() != null) ids.add(t.assigneeId());
        if (managers) accounts.escalationManagers().forEach(m -> ids.add(m.id()));
        if (tam)
            accounts.organization(t.organizationId())
                    .map(Organization::tamUserId)
                    .ifPresent(ids::add);
        return ids.stream().map(this::user).flatMap(Optional::stream).toList();
    }

    private Optional<User> user(UUID id) {
        return accounts.user(id);
    }

    private ZoneId zoneOf(User u) {
        if (u.organizationId() == null) return deploymentZone;
        return accounts.organization(u.organizationId())
                .map(Organization::timeZone)
                .map(ZoneId::of)
                .orElse(deploymentZone);
    }

    private static Instant due(ClockView c) {
        return c == null ? null : c.dueAt();
    }

    static String when(Instant i, ZoneId zone, String lang) {
        if (i == null) return "-";
        DateTimeFormatter f = lang.equals("zh-TW")
                ? DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm", Locale.TRADITIONAL_CHINESE)
                : DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.ENGLISH);
        return f.format(i.atZone(zone)) + " (" + zone.getId() + ")";
    }

    /**
     * One email, once per event and address. The first email of a ticket to its customer
     * starts the thread; all others answer it.
     */
    private void send(String eventKey, Ticket t, User to, String kind, boolean startsThread, Object... extra) {
        String lang = Templates.language(to.language());
        Object[] args = new Object[2 + extra.length];
        args[0] = Long.toString(t.number());
        args[1] = t.subject();
        System.arraycopy(extra, 0, args, 2, extra.length);
        Templates.Text text = Templates.render(lang, kind, args);
        UUID id = UUID.randomUUID();
        String thread = threadId(t.id(), domain);
        String messageId = startsThread ? thread : "<" + id + "@" + domain + ">";
        Timestamp now = Timestamp.from(clock.instant());
        db.sql(
                        "insert into emails (id, event_key, ticket_id, to_address, language, subject, body, message_id, thread_id,"
                                + " status, next_attempt_at, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)"
                                + " on conflict (event_key, to_address) do nothing")
                .params(
                        id,
                        eventKey,
                        t.id(),
                        to.email(),
                        lang,
                        text.subject(),
                        text.body(),
                        messageId,
                        thread,
                        now,
                        now)
                .update();
    }
}
