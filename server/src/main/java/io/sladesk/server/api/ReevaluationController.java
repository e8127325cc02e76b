package io.sladesk.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sladesk.server.account.Actor;
import io.sladesk.server.policy.Metric;
import io.sladesk.server.sla.ClockView;
import io.sladesk.server.sla.Clocks;
import io.sladesk.server.ticket.Reevaluation;
import io.sladesk.server.ticket.Reevaluations;
import io.sladesk.server.ticket.Tickets;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.LinkedHashMap;
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

    ReevaluationController(Reevaluations reevaluations, Tickets tickets, Clocks clocks) {
        this.reevaluations = reevaluations;
        this.tickets = tickets;
        this.clocks = clocks;
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

        static ReevaluationView of(Reevaluation r, Map<String, Map<String, Views.ClockJson>> effect) {
            DecisionView d = r.status().equals("accepted") || r.status().equals("declined")
                    ? new DecisionView(
                            r.status().equals("accepted"),
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
                    r.status(),
                    r.createdAt().toString(),
                    r.dueAt().toString(),
                    d,
                    effect);
        }
    }

    @PostMapping
    @Operation(summary = "Ask for the ticket's severity to be re-evaluated (customer)")
    ResponseEntity<ReevaluationView> request(
            @AuthenticationPrincipal Actor actor, @PathVariable String ticketId, @RequestBody RequestBodyView body) {
        Reevaluation r = reevaluations.request(actor, ticketId, body.requestedSeverity(), body.reason());
        return ResponseEntity.created(URI.create("/api/v1/tickets/" + ticketId + "/reevaluations/" + r.id()))
                .body(ReevaluationView.of(r, null));
    }

    @GetMapping
    Views.PageView<ReevaluationView> list(
            @AuthenticationPrincipal Actor actor,
            @PathVariable String ticketId,
            @org.springframework.web.bind.annotation.RequestParam(required = false) Integer limit,
            @org.springframework.web.bind.annotation.RequestParam(required = false) String cursor) {
        return AccountController.page(
                io.sladesk.server.platform.Cursor.slice(reevaluations.list(actor, ticketId), limit, cursor),
                r -> ReevaluationView.of(r, null));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A request; for agents, with what accepting and declining do to the due instants")
    ReevaluationView get(@AuthenticationPrincipal Actor actor, @PathVariable String ticketId, @PathVariable String id) {
        Reevaluation r = reevaluations.get(actor, ticketId, id);
        if (!actor.isStaff() || !r.status().equals("open")) return ReevaluationView.of(r, null);
        var ticket = tickets.get(actor, ticketId);
        Map<String, Map<String, Views.ClockJson>> effect = new LinkedHashMap<>();
        effect.put("accept", json(clocks.whatIf(ticket.id(), r.requestedSeverity())));
        effect.put("decline", json(clocks.whatIf(ticket.id(), ticket.severity())));
        return ReevaluationView.of(r, effect);
    }

    @PostMapping("/{id}/decision")
    @Operation(summary = "Accept (the severity changes) or decline, with a reason the customer sees (agent)")
    ReevaluationView decide(
            @AuthenticationPrincipal Actor actor,
            @PathVariable String ticketId,
            @PathVariable String id,
            @RequestBody DecisionRequest body) {
        return ReevaluationView.of(reevaluations.decide(actor, ticketId, id, body.accept(), body.reason()), null);
    }

    @PostMapping("/{id}/withdraw")
    @Operation(summary = "Withdraw an open request (the customer who asked)")
    ReevaluationView withdraw(
            @AuthenticationPrincipal Actor actor, @PathVariable String ticketId, @PathVariable String id) {
        return ReevaluationView.of(reevaluations.withdraw(actor, ticketId, id), null);
    }

    private static Map<String, Views.ClockJson> json(Map<Metric, ClockView> clocks) {
        Map<String, Views.ClockJson> out = new LinkedHashMap<>();
        clocks.forEach((m, c) -> out.put(m.field(), Views.ClockJson.of(c)));
        return out;
    }
}
