package io.sladesk.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sladesk.server.account.Actor;
import io.sladesk.server.account.Duty;
import io.sladesk.server.account.Group;
import io.sladesk.server.account.Organization;
import io.sladesk.server.account.Plan;
import io.sladesk.server.account.User;
import io.sladesk.server.sla.ClockView;
import io.sladesk.server.sla.SlaView;
import io.sladesk.server.ticket.Message;
import io.sladesk.server.ticket.Ticket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The JSON shapes of the API. Instants are ISO-8601 UTC strings, ids are strings; fields
 * a caller may not see (internal priority for customers) are left out, not nulled.
 */
final class Views {
    private Views() {}

    static String str(Object o) {
        return o == null ? null : o.toString();
    }

    static String instant(Instant i) {
        return i == null ? null : i.toString();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TicketView(
            String id,
            long number,
            String subject,
            String description,
            String severity,
            String severitySource,
            TriageView triage,
            String status,
            String priority,
            String organizationId,
            String requesterId,
            String assigneeId,
            String groupId,
            String channel,
            String createdAt,
            String updatedAt,
            String solvedAt,
            String closedAt,
            Integer escalationLevel,
            List<String> followers,
            Map<String, ClockJson> sla,
            Map<String, String> context) {

        static TicketView of(Ticket t, Actor viewer, SlaView clocks, List<UUID> followers, TargetForm target) {
            boolean staff = viewer.isStaff();
            return new TicketView(
                    str(t.id()),
                    t.number(),
                    t.subject(),
                    t.description(),
                    t.severity().wire(),
                    t.severitySource().wire(),
                    TriageView.of(t.triage()),
                    t.status().wire(),
                    staff ? t.priority().wire() : null,
                    str(t.organizationId()),
                    str(t.requesterId()),
                    staff ? str(t.assigneeId()) : null,
                    staff ? str(t.groupId()) : null,
                    t.channel().wire(),
                    instant(t.createdAt()),
                    instant(t.updatedAt()),
                    instant(t.solvedAt()),
                    instant(t.closedAt()),
                    staff ? (clocks == null ? 0 : clocks.escalationLevel()) : null,
                    staff ? followers.stream().map(UUID::toString).toList() : null,
                    clocks == null ? null : ClockJson.of(clocks, target),
                    // where the ticket was raised from: the article read before contacting support
                    t.contextArticleId() == null
                            ? null
                            : Map.of("articleId", t.contextArticleId().toString()));
        }
    }

    /** A suggested severity and why: each phrase of the ticket's words, its severity and its rule's id. */
    record TriageView(String severity, List<ReasonView> reasons) {
        record ReasonView(String phrase, String severity, String rule) {}

        static TriageView of(io.sladesk.server.triage.Suggestion s) {
            if (s == null) return null;
            return new TriageView(
                    s.severity().wire(),
                    s.reasons().stream()
                            .map(r -> new ReasonView(r.phrase(), r.severity().wire(), r.rule()))
                            .toList());
        }
    }

    /** A clock: {@code dueAt} is always present (null while paused), the rest when they apply. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ClockJson(
            Map<String, Object> target,
            @JsonInclude(JsonInclude.Include.ALWAYS) String dueAt,
            String remaining,
            String status,
            String startedAt,
            String stoppedAt,
            String breachedAt,
            String missedDueAt) {
        static ClockJson of(ClockView c, TargetForm target) {
            return new ClockJson(
                    target.json(c.target()),
                    instant(c.dueAt()),
                    c.remaining() == null ? null : c.remaining().toString(),
                    c.status().wire(),
                    instant(c.startedAt()),
                    instant(c.stoppedAt()),
                    instant(c.breachedAt()),
                    instant(c.missedDueAt()));
        }

        static Map<String, ClockJson> of(SlaView v, TargetForm target) {
            Map<String, ClockJson> m = new java.util.LinkedHashMap<>();
            if (v.firstResponse() != null) m.put("firstResponse", of(v.firstResponse(), target));
            if (v.resolution() != null) m.put("resolution", of(v.resolution(), target));
            return m;
        }
    }

    /** How a target reads in the API: with its stored calendar's current name ({@code Policies::targetJson}). */
    interface TargetForm {
        Map<String, Object> json(io.sladesk.server.policy.Target target);
    }

    record MessageView(String id, String ticketId, String authorId, String body, String visibility, String createdAt) {
        static MessageView of(Message m) {
            return new MessageView(
                    str(m.id()),
                    str(m.ticketId()),
                    str(m.authorId()),
                    m.body(),
                    m.visibility().wire(),
                    instant(m.createdAt()));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TimelineItem(
            String id,
            String at,
            String type,
            String detail,
            String clock,
            String actor,
            Integer level,
            Map<String, Object> data) {
        static TimelineItem of(io.sladesk.server.timeline.TimelineItem e) {
            return new TimelineItem(
                    str(e.id()),
                    instant(e.at()),
                    e.type(),
                    e.detail(),
                    e.clock(),
                    str(e.actorId()),
                    e.level(),
                    e.data().isEmpty() ? null : e.data());
        }
    }

    /** A page of a list; {@code next} is always present, null on the last page. */
    record PageView<T>(
            List<T> items,
            @JsonInclude(JsonInclude.Include.ALWAYS) String next) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OrganizationView(
            String id,
            String name,
            String planId,
            String timeZone,
            String calendarId,
            String tamUserId,
            String backupTamUserId,
            boolean assignToTam,
            boolean shareHealth,
            String createdAt,
            String externalId,
            List<String> widgetOrigins) {
        static OrganizationView of(Organization o) {
            return new OrganizationView(
                    str(o.id()),
                    o.name(),
                    str(o.planId()),
                    o.timeZone(),
                    str(o.calendarId()),
                    str(o.tamUserId()),
                    str(o.backupTamUserId()),
                    o.assignToTam(),
                    o.shareHealth(),
                    instant(o.createdAt()),
                    o.externalId(),
                    o.widgetOrigins());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UserView(
            String id,
            String email,
            String name,
            String role,
            String organizationId,
            List<String> duties,
            String language,
            String timeZone,
            boolean away,
            boolean active,
            String createdAt) {
        static UserView of(User u) {
            return new UserView(
                    str(u.id()),
                    u.email(),
                    u.name(),
                    u.role().wire(),
                    str(u.organizationId()),
                    u.duties().stream().map(Duty::wire).toList(),
                    u.language(),
                    u.timeZone(),
                    u.away(),
                    u.active(),
                    instant(u.createdAt()));
        }
    }

    record GroupView(String id, String name, List<String> memberIds, String createdAt) {
        static GroupView of(Group g) {
            return new GroupView(
                    str(g.id()),
                    g.name(),
                    g.memberIds().stream().map(UUID::toString).toList(),
                    instant(g.createdAt()));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PlanView(String id, String name, String policyId, boolean tam) {
        static PlanView of(Plan p) {
            return new PlanView(str(p.id()), p.name(), str(p.policyId()), p.tam());
        }
    }
}
