package io.sladesk.server.timeline;

import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.Actor;
import io.sladesk.server.account.Group;
import io.sladesk.server.account.Organization;
import io.sladesk.server.account.Plan;
import io.sladesk.server.account.User;
import io.sladesk.server.calendars.Calendars;
import io.sladesk.server.platform.DeploymentZone;
import io.sladesk.server.sla.ClockEvent;
import io.sladesk.server.sla.Clocks;
import io.sladesk.server.ticket.Ticket;
import io.sladesk.server.ticket.Tickets;
import io.sladesk.server.ticket.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * A ticket's timeline as one reader sees it: the ticket's history (without internal
 * entries for customers) and its clocks' histories, oldest first, each entry put into
 * words in the reader's language and zone. Names (people, groups, plans, calendars) are
 * looked up now, so a rename shows at once and nothing stored goes stale.
 */
@Service
public class Timelines {
    private final Tickets tickets;
    private final Clocks clocks;
    private final Accounts accounts;
    private final Calendars calendars;
    private final ZoneId deploymentZone;
    private final java.time.Clock clock;

    Timelines(
            Tickets tickets,
            Clocks clocks,
            Accounts accounts,
            Calendars calendars,
            DeploymentZone zone,
            java.time.Clock clock) {
        this.clock = clock;
        this.tickets = tickets;
        this.clocks = clocks;
        this.accounts = accounts;
        this.calendars = calendars;
        this.deploymentZone = zone.zone();
    }

    /**
     * The reader: the language asked for ({@code Accept-Language}, when it names English or
     * Chinese), else the user's own, else English; the zone the user set, else their
     * organization's, else the ticket's organization's, else the deployment's.
     */
    public Reader reader(Actor actor, String acceptLanguage, UUID ticketOrganization) {
        Optional<User> user = accounts.user(actor.userId());
        String language =
                Languages.pick(acceptLanguage, user.map(User::language).orElse(null));
        ZoneId zone = user.map(User::timeZone).map(ZoneId::of).orElse(null);
        if (zone == null && actor.organizationId() != null) zone = orgZone(actor.organizationId());
        if (zone == null && ticketOrganization != null) zone = orgZone(ticketOrganization);
        return new Reader(language, zone == null ? deploymentZone : zone);
    }

    private ZoneId orgZone(UUID org) {
        return accounts.organization(org)
                .map(Organization::timeZone)
                .map(ZoneId::of)
                .orElse(null);
    }

    /** The timeline of a ticket the actor may see (else "not found"), in the reader's words. */
    public List<TimelineItem> of(Actor actor, String ticketId, String acceptLanguage) {
        Ticket t = tickets.get(actor, ticketId);
        Reader reader = reader(actor, acceptLanguage, t.organizationId());
        return merge(
                tickets.timeline(actor, ticketId),
                clocks.history(t.id()),
                new Render(Words.of(reader, clock.instant())));
    }

    /** Oldest first; at one instant, in the order recorded (both histories share one sequence). */
    private static List<TimelineItem> merge(List<TimelineEntry> ticket, List<ClockEvent> clock, Render r) {
        List<TimelineItem> out = new ArrayList<>(ticket.size() + clock.size());
        int i = 0;
        int j = 0;
        while (i < ticket.size() || j < clock.size()) {
            boolean takeTicket = j >= clock.size() || (i < ticket.size() && before(ticket.get(i), clock.get(j)));
            out.add(takeTicket ? r.item(ticket.get(i++)) : r.item(clock.get(j++)));
        }
        return out;
    }

    private static boolean before(TimelineEntry t, ClockEvent c) {
        int byTime = t.at().compareTo(c.at());
        return byTime != 0 ? byTime < 0 : t.seq() < c.seq();
    }

    /** The words of one reader's timeline, with the names it needs looked up once each. */
    private final class Render {
        private final Words w;
        private final Map<String, String> names = new HashMap<>();

        Render(Words w) {
            this.w = w;
        }

        TimelineItem item(TimelineEntry e) {
            Object level = e.data().get("level");
            return new TimelineItem(
                    e.id(),
                    e.at(),
                    e.type(),
                    detail(e),
                    e.type().startsWith("reevaluation.") ? "reevaluation" : null,
                    e.actorId(),
                    level instanceof Number n ? n.intValue() : null,
                    e.data());
        }

        TimelineItem item(ClockEvent e) {
            return new TimelineItem(
                    e.id(), e.at(), e.type(), detail(e), e.metric().wire(), null, null, e.data());
        }

        private String detail(TimelineEntry e) {
            Map<String, Object> d = e.data();
            return switch (e.type()) {
                case "ticket.created" ->
                    w.say(
                            Boolean.TRUE.equals(d.get("imported"))
                                    ? "ticket.imported"
                                    : "suggested".equals(d.get("severitySource"))
                                            ? "ticket.createdSuggested"
                                            : "ticket.created",
                            w.sayOr("channel." + d.get("channel"), String.valueOf(d.get("channel"))),
                            d.get("severity"));
                case "message.public" ->
                    w.say(Boolean.FALSE.equals(d.get("byStaff")) ? "message.byCustomer" : "message.byStaff");
                case "message.internal" -> w.say("message.internal");
                case "status.changed" ->
                    d.get("reason") == null
                            ? w.say("status.changed", status(d.get("from")), status(d.get("to")))
                            : w.say(
                                    "status.changedBecause",
                                    status(d.get("from")),
                                    status(d.get("to")),
                                    w.sayOr("status." + d.get("reason"), String.valueOf(d.get("reason"))));
                case "severity.changed" -> w.say("severity.changed", d.get("from"), d.get("to"), text(d.get("reason")));
                case "assigned" -> assigned(d);
                case "escalation.raised" -> escalated(d);
                case "reevaluation.requested" ->
                    d.get("reason") == null
                            ? w.say("reevaluation.requestedNoReason", d.get("requestedSeverity"))
                            : w.say("reevaluation.requested", d.get("requestedSeverity"), text(d.get("reason")));
                case "reevaluation.decided" ->
                    Boolean.TRUE.equals(d.get("withdrawn"))
                            ? w.say(
                                    "ticket_closed".equals(d.get("reason"))
                                            ? "reevaluation.withdrawnByClosing"
                                            : "reevaluation.withdrawn")
                            : w.say(
                                    Boolean.TRUE.equals(d.get("accept"))
                                            ? "reevaluation.accepted"
                                            : "reevaluation.declined",
                                    text(d.get("reason")));
                default -> e.type();
            };
        }

        private String detail(ClockEvent e) {
            Map<String, Object> d = e.data();
            String metric = w.say("metric." + e.metric().wire());
            Instant due = instant(d.get("dueAt"));
            return switch (e.type()) {
                case "clock.started" ->
                    d.get("target") == null
                            ? w.say("clock.startedShort", metric, w.when(due))
                            : w.say("clock.started", metric, w.when(due), w.when(e.at()), terms(d));
                case "clock.paused" ->
                    d.get("remaining") == null
                            ? w.say("clock.paused", metric)
                            : w.say("clock.pausedLeft", metric, w.duration(Duration.parse((String)
                                    d.get("remaining"))));
                case "clock.resumed" ->
                    "reopened".equals(d.get("reason"))
                            ? w.say("clock.reopened", metric, w.when(due))
                            : w.say("clock.resumed", metric, reason(d.get("reason")), w.when(due));
                case "clock.met" -> w.say("clock.met", metric, reason(d.get("reason")), w.when(e.at()), w.when(due));
                case "clock.stopped" ->
                    w.say("clock.stopped", metric, reason(d.get("reason")), w.when(e.at()), w.when(due));
                case "clock.warned" ->
                    w.say(
                            "clock.warned",
                            metric,
                            d.get("share") instanceof Number n
                                    ? Long.toString(Math.round(n.doubleValue() * 100))
                                    : "75",
                            w.when(due));
                case "clock.breached" -> w.say("clock.breached", metric, w.when(due));
                case "clock.retargeted" -> retargeted(metric, d);
                default -> e.type();
            };
        }

        private String retargeted(String metric, Map<String, Object> d) {
            String reason = String.valueOf(d.get("reason"));
            String why = "severity_changed".equals(reason) || d.get("reason") == null
                    ? (d.get("note") == null
                            ? w.say("why.severity_changedNoNote", d.get("from"), d.get("to"))
                            : w.say("why.severity_changed", d.get("from"), d.get("to"), text(d.get("note"))))
                    : w.sayOr("why." + reason, reason);
            String terms = d.get("target") == null ? "" : terms(d);
            if (d.get("dueAt") == null && d.get("remaining") != null)
                return w.say(
                        "clock.retargetedPaused",
                        metric,
                        why,
                        w.duration(Duration.parse((String) d.get("remaining"))),
                        terms);
            return w.say("clock.retargeted", metric, why, w.when(instant(d.get("dueAt"))), terms);
        }

        /** "P2, Pro plan, 1 business day" with the calendar of a duration target: what the clock is held to. */
        @SuppressWarnings("unchecked")
        private String terms(Map<String, Object> d) {
            Map<String, Object> target = (Map<String, Object>) d.get("target");
            Integer days = target.get("businessDays") instanceof Number n ? n.intValue() : null;
            Duration duration = target.get("duration") == null ? null : Duration.parse((String) target.get("duration"));
            String on = "";
            if (days == null) {
                String ref = String.valueOf(target.get("calendar"));
                Object storedId = d.get("calendarId");
                if (Calendars.ALWAYS.equals(ref)) on = w.say("calendar.24x7");
                else if (Calendars.BUSINESS_DAYS.equals(ref))
                    on = storedId == null
                            ? w.say("calendar.business-days")
                            : w.say("calendar.businessDaysOf", calendarName(storedId.toString()));
                else on = w.say("calendar.stored", calendarName(ref));
            }
            String plan =
                    d.get("planId") == null ? null : planName(d.get("planId").toString());
            String policyOrPlan = plan != null ? w.plan(plan) : "-";
            return w.say("terms", d.get("severity"), policyOrPlan, w.target(duration, days), on);
        }

        private String assigned(Map<String, Object> d) {
            String user = d.get("assigneeId") == null
                    ? null
                    : userName(d.get("assigneeId").toString());
            String group =
                    d.get("groupId") == null ? null : groupName(d.get("groupId").toString());
            if (user != null && group != null) return w.say("assigned.userInGroup", user, group);
            if (user != null) return w.say("assigned.user", user);
            if (group != null) return w.say("assigned.group", group);
            return w.say("assigned.nobody");
        }

        private String escalated(Map<String, Object> d) {
            StringBuilder s = new StringBuilder(w.say("escalation.raised", d.get("level")));
            if (d.get("priority") != null)
                s.append(w.say(
                        "escalation.priority",
                        w.sayOr("priority." + d.get("priority"), String.valueOf(d.get("priority")))));
            if (d.get("groupId") != null)
                s.append(w.say("escalation.group", groupName(d.get("groupId").toString())));
            return s.toString();
        }

        private String status(Object wire) {
            return w.sayOr("status." + wire, String.valueOf(wire));
        }

        private String reason(Object code) {
            return w.sayOr("reason." + code, String.valueOf(code));
        }

        private String userName(String id) {
            return names.computeIfAbsent(
                    "user:" + id,
                    k -> io.sladesk.server.platform.Ids.parse(id)
                            .flatMap(accounts::user)
                            .map(User::name)
                            .orElse(id));
        }

        private String groupName(String id) {
            return names.computeIfAbsent(
                    "group:" + id,
                    k -> io.sladesk.server.platform.Ids.parse(id)
                            .flatMap(accounts::group)
                            .map(Group::name)
                            .orElse(id));
        }

        private String planName(String id) {
            return names.computeIfAbsent(
                    "plan:" + id,
                    k -> io.sladesk.server.platform.Ids.parse(id)
                            .flatMap(accounts::plan)
                            .map(Plan::name)
                            .orElse(id));
        }

        private String calendarName(String ref) {
            return names.computeIfAbsent("calendar:" + ref, k -> calendars.name(ref));
        }
    }

    /** User text (an agent's reason) is shown as written. */
    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }

    private static Instant instant(Object o) {
        return o == null ? null : Instant.parse(o.toString());
    }
}
