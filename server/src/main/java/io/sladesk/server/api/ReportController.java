package io.sladesk.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sladesk.server.account.Actor;
import io.sladesk.server.kernel.Severity;
import io.sladesk.server.reports.AccountHealth;
import io.sladesk.server.reports.Health;
import io.sladesk.server.reports.ReevaluationReport;
import io.sladesk.server.ticket.ReevaluationStatus;
import io.sladesk.server.ticket.Reevaluations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Account health for agents, TAMs and (when shared) customers, and the re-evaluation report. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Reports")
class ReportController {
    private final AccountHealth health;
    private final ReevaluationReport reevaluations;

    ReportController(AccountHealth health, ReevaluationReport reevaluations) {
        this.health = health;
        this.reevaluations = reevaluations;
    }

    /** Durations are ISO-8601 ({@code PT1H30M}); figures with nothing to measure are null, never left out. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record HealthView(
            String organizationId,
            String organizationName,
            @JsonInclude(JsonInclude.Include.NON_NULL) String role,
            Map<String, Long> openBySeverity,
            long atRisk,
            long breached30d,
            Double attainment30d,
            long openReevaluations,
            String oldestOpenAt,
            String medianFirstResponse30d,
            String medianResolution30d,
            String at) {
        static HealthView of(Health h, String role) {
            Map<String, Long> open = new LinkedHashMap<>();
            for (Severity s : Severity.values())
                open.put(s.wire(), h.openBySeverity().getOrDefault(s, 0L));
            return new HealthView(
                    h.organization().id().toString(),
                    h.organization().name(),
                    role,
                    open,
                    h.atRisk(),
                    h.breached30d(),
                    h.attainment30d(),
                    h.openReevaluations(),
                    Views.instant(h.oldestOpenAt()),
                    duration(h.medianFirstResponse30d()),
                    duration(h.medianResolution30d()),
                    Views.instant(h.at()));
        }
    }

    record AccountsView(List<HealthView> items) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ReevaluationRow(
            String id,
            String ticketId,
            long ticketNumber,
            String organizationId,
            String fromSeverity,
            String requestedSeverity,
            String resultingSeverity,
            String status,
            String reason,
            String createdAt,
            String decidedAt,
            String decidedBy,
            String responseTime) {
        static ReevaluationRow of(Reevaluations.Made m) {
            var r = m.request();
            String result = r.status() == ReevaluationStatus.ACCEPTED
                    ? r.requestedSeverity().wire()
                    : r.status() == ReevaluationStatus.DECLINED
                            ? r.fromSeverity().wire()
                            : null;
            boolean decided = r.status() == ReevaluationStatus.ACCEPTED || r.status() == ReevaluationStatus.DECLINED;
            return new ReevaluationRow(
                    r.id().toString(),
                    r.ticketId().toString(),
                    m.ticketNumber(),
                    m.organizationId().toString(),
                    r.fromSeverity().wire(),
                    r.requestedSeverity().wire(),
                    result,
                    r.status().wire(),
                    r.reason(),
                    Views.instant(r.createdAt()),
                    Views.instant(r.decidedAt()),
                    Views.str(r.decidedBy()),
                    decided ? duration(Duration.between(r.createdAt(), r.decidedAt())) : null);
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TotalsView(
            long requests,
            long open,
            long accepted,
            long declined,
            long withdrawn,
            Double acceptanceRate,
            String medianResponseTime) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ReportView(
            String organizationId,
            String from,
            String to,
            List<ReevaluationRow> items,
            String next,
            TotalsView totals) {}

    @GetMapping("/organizations/{id}/health")
    @Operation(summary = "An account's health (agents; the organization's own customers when shareHealth is on)")
    HealthView health(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
        return HealthView.of(health.of(actor, id), null);
    }

    @GetMapping("/me/accounts")
    @Operation(summary = "The organizations you are TAM or backup of, each with its health, worst first")
    AccountsView accounts(@AuthenticationPrincipal Actor actor) {
        return new AccountsView(health.accountsOf(actor).stream()
                .map(h ->
                        HealthView.of(h, actor.userId().equals(h.organization().tamUserId()) ? "tam" : "backup"))
                .toList());
    }

    @GetMapping("/reports/reevaluations")
    @Operation(
            summary = "Severity re-evaluation requests made in [from, to) (instants or dates; default the last"
                    + " 30 days) with outcome, severities and response time, and totals over the period")
    ReportView reevaluations(
            @AuthenticationPrincipal Actor actor,
            @RequestParam(required = false) String organizationId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        var report = reevaluations.report(actor, organizationId, from, to, limit, cursor);
        var t = report.totals();
        long decided = t.accepted() + t.declined();
        return new ReportView(
                report.organization() == null
                        ? null
                        : report.organization().id().toString(),
                Views.instant(report.from()),
                Views.instant(report.to()),
                report.page().items().stream().map(ReevaluationRow::of).toList(),
                report.page().next(),
                new TotalsView(
                        t.requests(),
                        t.open(),
                        t.accepted(),
                        t.declined(),
                        t.withdrawn(),
                        decided == 0 ? null : (double) t.accepted() / decided,
                        duration(t.medianResponse())));
    }

    private static String duration(Duration d) {
        return d == null ? null : d.toString();
    }
}
