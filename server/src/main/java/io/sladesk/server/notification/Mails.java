package io.sladesk.server.notification;

import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.Organization;
import io.sladesk.server.account.User;
import io.sladesk.server.escalation.StaffAlerted;
import io.sladesk.server.escalation.StaffAlerts;
import io.sladesk.server.platform.DeploymentZone;
import io.sladesk.server.platform.Outbox;
import io.sladesk.server.sla.ClockEvents.ClocksStarted;
import io.sladesk.server.ticket.TicketEvents.MessagePosted;
import io.sladesk.server.ticket.TicketEvents.SeverityChanged;
import io.sladesk.server.ticket.TicketEvents.StatusChanged;
import io.sladesk.server.ticket.TicketEvents.TicketAssigned;
import io.sladesk.server.ticket.TicketStatus;
import io.sladesk.server.ticket.TicketSummary;
import io.sladesk.server.ticket.Visibility;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Writes the emails an event calls for to the outbox, in the event's transaction, in each
 * reader's language and time zone, from what the event carries. Who hears of warnings,
 * breaches and escalations is the escalation module's decision ({@link StaffAlerted}).
 * Threading: the first email of a ticket to its customer carries the thread's Message-ID;
 * every later one refers to it, so a mail client shows one conversation per ticket.
 * Without an SMTP server configured, no email is written.
 */
@Component
class Mails {
    private final Outbox outbox;
    private final Accounts accounts;
    private final ZoneId deploymentZone;
    private final boolean enabled;
    private final String domain;
    private final java.time.Clock clock;

    Mails(
            Outbox outbox,
            Accounts accounts,
            DeploymentZone deploymentZone,
            ObjectProvider<JavaMailSender> sender,
            @Value("${sladesk.mail.domain:sladesk.local}") String domain,
            java.time.Clock clock) {
        this.outbox = outbox;
        this.accounts = accounts;
        this.deploymentZone = deploymentZone.zone();
        this.enabled = sender.getIfAvailable() != null;
        this.domain = domain;
        this.clock = clock;
    }

    static String threadId(UUID ticketId, String domain) {
        return "<ticket-" + ticketId + "@" + domain + ">";
    }

    /** The promises made: told to the customer once the clocks started (staff hear through {@link StaffAlerted}). */
    @EventListener
    void on(ClocksStarted e) {
        if (!enabled) return;
        TicketSummary t = e.ticket();
        customer(t).ifPresent(u -> {
            String lang = Templates.language(u.language());
            ZoneId zone = zoneOf(u);
            send(
                    "received:" + t.id(),
                    t,
                    u,
                    "received",
                    true,
                    t.severity().wire(),
                    when(e.firstResponseDue(), zone, lang),
                    when(e.resolutionDue(), zone, lang));
        });
    }

    @EventListener
    void on(MessagePosted e) {
        if (!enabled || !e.byStaff() || e.visibility() != Visibility.PUBLIC) return;
        customer(e.ticket())
                .ifPresent(u -> send("replied:" + e.messageId(), e.ticket(), u, "replied", false, e.body()));
    }

    @EventListener
    void on(SeverityChanged e) {
        if (!enabled) return;
        TicketSummary t = e.ticket();
        customer(t)
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
        TicketSummary t = e.ticket();
        customer(t)
                .filter(u -> !u.id().equals(e.actorId()))
                .ifPresent(u -> send("solved:" + t.id() + ":" + e.at().toEpochMilli(), t, u, "solved", false));
    }

    @EventListener
    void on(TicketAssigned e) {
        if (!enabled || e.assigneeId() == null || e.assigneeId().equals(e.actorId())) return;
        TicketSummary t = e.ticket();
        accounts.user(e.assigneeId())
                .ifPresent(u -> send(
                        "assigned:" + t.id() + ":" + e.at().toEpochMilli(),
                        t,
                        u,
                        "assigned",
                        false,
                        t.severity().wire()));
    }

    @EventListener
    void on(StaffAlerted e) {
        on(new StaffAlerts(List.of(e)));
    }

    /**
     * Each recipient's email of a batch of alerts: the recipients, and the organizations
     * their zones and the alerts' words name, are read once for the batch, and the emails
     * are written to the outbox in one statement, in the alerts' order.
     */
    @EventListener
    void on(StaffAlerts batch) {
        if (!enabled) return;
        Set<UUID> ids = new LinkedHashSet<>();
        batch.alerts().forEach(e -> ids.addAll(e.recipients()));
        Map<UUID, User> users = accounts.users(ids);
        Set<UUID> orgIds = new HashSet<>();
        users.values().forEach(u -> {
            if (u.timeZone() == null && u.organizationId() != null) orgIds.add(u.organizationId());
        });
        batch.alerts().forEach(e -> orgIds.add(e.ticket().organizationId()));
        Map<UUID, Organization> orgs = accounts.organizations(orgIds);
        List<Outbox.Entry> out = new ArrayList<>();
        for (StaffAlerted e : batch.alerts()) {
            TicketSummary t = e.ticket();
            for (UUID id : e.recipients()) {
                User u = users.get(id);
                if (u == null) continue;
                String lang = Templates.language(u.language());
                out.add(
                        switch (e.kind()) {
                            case WARNED, BREACHED ->
                                mail(
                                        e.kind().wire() + ":" + t.id() + ":"
                                                + e.metric().wire(),
                                        t,
                                        u,
                                        e.kind().wire(),
                                        false,
                                        Templates.clock(lang, e.metric().wire()),
                                        when(e.dueAt(), zoneOf(u, orgs), lang));
                            case ESCALATED ->
                                mail(
                                        "escalated:" + t.id() + ":" + e.level(),
                                        t,
                                        u,
                                        "escalated",
                                        false,
                                        Integer.toString(e.level()));
                            case URGENT ->
                                mail(
                                        "urgent:" + t.id(),
                                        t,
                                        u,
                                        "urgent",
                                        false,
                                        t.severity().wire(),
                                        organizationName(t, orgs));
                            case REEVALUATION_REQUESTED ->
                                mail(
                                        "reevaluation:" + t.id() + ":" + e.at().toEpochMilli(),
                                        t,
                                        u,
                                        "reevaluation",
                                        false,
                                        t.severity().wire(),
                                        e.request().requested().wire(),
                                        organizationName(t, orgs),
                                        e.request().reason());
                        });
            }
        }
        outbox.enqueueAll(out);
    }

    private static String organizationName(TicketSummary t, Map<UUID, Organization> orgs) {
        Organization o = orgs.get(t.organizationId());
        return o == null ? "-" : o.name();
    }

    private ZoneId zoneOf(User u, Map<UUID, Organization> orgs) {
        if (u.timeZone() != null) return ZoneId.of(u.timeZone());
        if (u.organizationId() == null) return deploymentZone;
        Organization o = orgs.get(u.organizationId());
        return o == null || o.timeZone() == null ? deploymentZone : ZoneId.of(o.timeZone());
    }

    /** The requester, when a customer (staff raising a ticket for themselves are not mailed about it). */
    private Optional<User> customer(TicketSummary t) {
        return accounts.user(t.requesterId()).filter(u -> !u.role().isStaff());
    }

    private ZoneId zoneOf(User u) {
        if (u.timeZone() != null) return ZoneId.of(u.timeZone());
        if (u.organizationId() == null) return deploymentZone;
        return accounts.organization(u.organizationId())
                .map(Organization::timeZone)
                .map(ZoneId::of)
                .orElse(deploymentZone);
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
    private void send(String eventKey, TicketSummary t, User to, String kind, boolean startsThread, Object... extra) {
        Outbox.Entry e = mail(eventKey, t, to, kind, startsThread, extra);
        outbox.enqueue(
                e.channel(), e.destination(), e.eventKey(), e.type(), e.ticketId(), e.payload(), e.headers(), e.at());
    }

    private Outbox.Entry mail(
            String eventKey, TicketSummary t, User to, String kind, boolean startsThread, Object... extra) {
        String lang = Templates.language(to.language());
        Object[] args = new Object[2 + extra.length];
        args[0] = Long.toString(t.number());
        args[1] = t.subject();
        System.arraycopy(extra, 0, args, 2, extra.length);
        Templates.Text text = Templates.render(lang, kind, args);
        String thread = threadId(t.id(), domain);
        String messageId = startsThread ? thread : "<" + UUID.randomUUID() + "@" + domain + ">";
        return new Outbox.Entry(
                MailChannel.NAME,
                to.email(),
                eventKey,
                kind,
                t.id(),
                text.body(),
                Map.of("subject", text.subject(), "messageId", messageId, "thread", thread, "language", lang),
                clock.instant());
    }
}
