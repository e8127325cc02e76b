package io.sladesk.server.web;

import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.Organization;
import io.sladesk.server.account.User;
import io.sladesk.server.policy.Metric;
import io.sladesk.server.sla.ClockStatus;
import io.sladesk.server.sla.ClockView;
import io.sladesk.server.sla.Clocks;
import io.sladesk.server.sla.SlaView;
import io.sladesk.server.ticket.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Tickets as pages list them, with their clocks and the names of their people and
 * organizations: a fixed number of queries for a whole page (the clocks, their warning
 * instants, the users, the organizations), never one per row.
 */
@Component
class Rows {
    private final Clocks clocks;
    private final Accounts accounts;

    Rows(Clocks clocks, Accounts accounts) {
        this.clocks = clocks;
        this.accounts = accounts;
    }

    /** One clock of a ticket as a page tells it. */
    record ClockLine(
            String metric,
            String state,
            Instant dueAt,
            Instant warnAt,
            Instant stoppedAt,
            Instant breachedAt,
            Instant missedDueAt,
            Duration remaining) {

        public boolean running() {
            return state.equals("running");
        }

        public boolean missed() {
            return state.equals("breached");
        }

        /** The due instant a missed promise had. */
        public Instant missedDue() {
            return missedDueAt != null ? missedDueAt : dueAt;
        }
    }

    record Row(
            Ticket ticket,
            String organization,
            String requester,
            String assignee,
            List<ClockLine> clocks,
            int escalationLevel) {

        public boolean missed() {
            return clocks.stream().anyMatch(ClockLine::missed);
        }

        public boolean escalated() {
            return escalationLevel > 0;
        }
    }

    List<Row> of(List<Ticket> tickets) {
        List<UUID> ids = tickets.stream().map(Ticket::id).toList();
        Map<UUID, SlaView> sla = clocks.views(ids);
        Map<UUID, Map<Metric, Instant>> warnings = clocks.warnings(ids);
        Set<UUID> people = new HashSet<>();
        Set<UUID> orgs = new HashSet<>();
        for (Ticket t : tickets) {
            people.add(t.requesterId());
            if (t.assigneeId() != null) people.add(t.assigneeId());
            orgs.add(t.organizationId());
        }
        Map<UUID, User> users = accounts.users(people);
        Map<UUID, Organization> organizations = accounts.organizations(orgs);
        List<Row> out = new ArrayList<>(tickets.size());
        for (Ticket t : tickets) {
            SlaView v = sla.get(t.id());
            Map<Metric, Instant> warn = warnings.getOrDefault(t.id(), Map.of());
            out.add(new Row(
                    t,
                    name(organizations.get(t.organizationId())),
                    name(users.get(t.requesterId())),
                    t.assigneeId() == null ? null : name(users.get(t.assigneeId())),
                    lines(v, warn),
                    v == null ? 0 : v.escalationLevel()));
        }
        return out;
    }

    Row of(Ticket t) {
        return of(List.of(t)).get(0);
    }

    static List<ClockLine> lines(SlaView v, Map<Metric, Instant> warn) {
        List<ClockLine> lines = new ArrayList<>(2);
        if (v == null) return lines;
        if (v.firstResponse() != null)
            lines.add(line("firstResponse", v.firstResponse(), warn.get(Metric.FIRST_RESPONSE)));
        if (v.resolution() != null) lines.add(line("resolution", v.resolution(), warn.get(Metric.RESOLUTION)));
        return lines;
    }

    static ClockLine line(String metric, ClockView c, Instant warnAt) {
        return new ClockLine(
                metric,
                c.status() == ClockStatus.BREACHED
                        ? "breached"
                        : c.status() == ClockStatus.MET
                                ? "met"
                                : c.status() == ClockStatus.PAUSED ? "paused" : "running",
                c.dueAt(),
                warnAt,
                c.stoppedAt(),
                c.breachedAt(),
                c.missedDueAt(),
                c.remaining());
    }

    private static String name(User u) {
        return u == null ? "" : u.name();
    }

    private static String name(Organization o) {
        return o == null ? "" : o.name();
    }
}
