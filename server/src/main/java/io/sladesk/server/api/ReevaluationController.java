package io.sladesk.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sladesk.server.account.Actor;
import io.sladesk.server.policy.Metric;
import io.sladesk.server.sla.ClockView;
import io.sladesk.server.sla.Clocks;
import io.sladesk.server.ticket.Reevaluation;
import io.sladesk.server.ticket.ReevaluationStatus;
import io.sladesk.server.ticket.Reevaluations;
import io.sladesk.server.ticket.Tickets;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Severity re-evaluation: customers ask, agents decide, seeing first what each choice does. */
@RestController
@RequestMapping("/api/v1/tickets/{ticketId}/reevaluations")
@Tag(name = "Re-evaluations")
class ReevaluationController {
    private final Reevaluations reevaluations;
    private final Tickets tickets;
    private final Clocks clocks;
    private final io.sladesk.server.policy.Policies policies;

    ReevaluationController(
            Reevaluations reevaluations, Tickets tickets, Clocks clocks, io.sladesk.server.policy.Policies policies) {
        this.reevaluations = reevaluations;
        this.tickets = tickets;
        this.clocks = clocks;
        this.policies = policies;
    }

    record RequestBodyView(String requestedSeverity, String reason) {}

    record DecisionRequest(Boolean accept, String reason) {}

    record DecisionView(boolean accept, String reason, String by, String at) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReevaluationView(
            String id,
            String ticketId,
            String requestedSeverity,
            String fromSeverity,
            String reason,
            String status,
            String createdAt,
            String dueAt,
            DecisionView decision,
            Map<String, Map<String, Views.ClockJson>> effect) {

        static ReevaluationView of(
                Reevaluation r, java.time.Instant dueAt, Map<String, Map<String, Views.ClockJson>> effect) {
            DecisionView d = r.status() == ReevaluationStatus.ACCEPTED || r.status() == ReevaluationStatus.DECLINED
                    ? new DecisionView(
                            r.status() == ReevaluationStatus.ACCEPTED,
                            r.decisionReason(),
                            Views.str(r.decidedBy()),
                            Views.instant(r.decidedAt()))
                    : null;
            return new ReevaluationView(
                    r.id().toString(),
                    r.ticketId().toString(),
                    r.requestedSeverity().wire(),
                    r.fromSeverity().wire(),
                    r.reason(),
                    r.status().wire(),
                    r.createdAt().toString(),
                    Views.instant(dueAt),
                    d,
                    effect);
        }
    }

    @PostMapping
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @Operation(summary = "Ask for the ticket's severity to be re-evaluated (customer)")
    ResponseEntity<ReevaluationView> request(
            @AuthenticationPrincipal Actor actor, @PathVariable String ticketId, @RequestBody RequestBodyView body) {
        Reevaluation r = reevaluations.request(actor, ticketId, body.requestedSeverity(), body.reason());
        return ResponseEntity.created(URI.create("/api/v1/tickets/" + ticketId + "/reevaluations/" + r.id()))
                .body(view(r, null));
    }

    @GetMapping
    Views.PageView<ReevaluationView> list(
            @AuthenticationPrincipal Actor actor,
            @PathVariable String ticketId,
            @org.springframework.web.bind.annotation.RequestParam(required = false) Integer limit,
            @org.springframework.web.bind.annotation.RequestParam(required = false) String cursor) {
        List<Reevaluation> all = reevaluations.list(actor, ticketId);
        Map<java.util.UUID, java.time.Instant> due =
                all.isEmpty() ? Map.of() : clocks.reevaluationDue(all.get(0).ticketId());
        return AccountController.page(
                io.sladesk.server.platform.Cursor.slice(all, limit, cursor),
                r -> ReevaluationView.of(r, due.get(r.id()), null));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A request; for agents, with what accepting and declining do to the due instants")
    ReevaluationView get(@AuthenticationPrincipal Actor actor, @PathVariable String ticketId, @PathVariable String id) {
        Reevaluation r = reevaluations.get(actor, ticketId, id);
        if (!actor.isStaff() || r.status() != ReevaluationStatus.OPEN) return view(r, null);
        var ticket = tickets.get(actor, ticketId);
        Map<String, Map<String, Views.ClockJson>> effect = new LinkedHashMap<>();
        effect.put("accept", json(clocks.whatIf(ticket.id(), r.requestedSeverity())));
        effect.put("decline", json(clocks.whatIf(ticket.id(), ticket.severity())));
        return view(r, effect);
    }

    @PostMapping("/{id}/decision")
    @Operation(summary = "Accept (the severity changes) or decline, with a reason the customer sees (agent)")
    ReevaluationView decide(
            @AuthenticationPrincipal Actor actor,
            @PathVariable String ticketId,
            @PathVariable String id,
            @RequestBody DecisionRequest body) {
        return view(reevaluations.decide(actor, ticketId, id, body.accept(), body.reason()), null);
    }

    @PostMapping("/{id}/withdraw")
    @Operation(summary = "Withdraw an open request (the customer who asked)")
    ReevaluationView withdraw(
            @AuthenticationPrincipal Actor actor, @PathVariable String ticketId, @PathVariable String id) {
        return view(reevaluations.withdraw(actor, ticketId, id), null);
    }

    /** A request with its due instant, which its SLA clock owns. */
    private ReevaluationView view(Reevaluation r, Map<String, Map<String, Views.ClockJson>> effect) {
        return ReevaluationView.of(r, clocks.reevaluationDue(r.ticketId()).get(r.id()), effect);
    }

    private Map<String, Views.ClockJson> json(Map<Metric, ClockView> clocks) {
        Map<String, Views.ClockJson> out = new LinkedHashMap<>();
        clocks.forEach((m, c) -> out.put(m.field(), Views.ClockJson.of(c, policies::targetJson)));
        return out;
    }
}
