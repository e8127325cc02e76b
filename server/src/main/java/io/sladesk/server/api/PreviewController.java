package io.sladesk.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.Actor;
import io.sladesk.server.account.Organization;
import io.sladesk.server.account.OrganizationChange;
import io.sladesk.server.account.Plan;
import io.sladesk.server.calendars.Calendars;
import io.sladesk.server.calendars.ResolvedCalendar;
import io.sladesk.server.platform.Checks;
import io.sladesk.server.platform.Problems.NotFound;
import io.sladesk.server.policy.Policies;
import io.sladesk.server.policy.Policy;
import io.sladesk.server.sla.ChangePreview;
import io.sladesk.server.sla.Clocks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Change previews: what a calendar, policy, plan or organization change would do to the
 * open tickets' due instants, answered from the same body the change takes and validated
 * the same way, with nothing changed. The proposed calendar or policy is built by its
 * module without storing it; the open clocks are retargeted as copies by the SLA module's
 * own rules. A plan's or organization's change is validated by running the real change in
 * a transaction that is always rolled back (so its problems are exactly the change's), and
 * only the values it would have stored are kept.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "SLA configuration")
class PreviewController {
    private final Calendars calendars;
    private final Policies policies;
    private final Accounts accounts;
    private final Clocks clocks;
    private final io.sladesk.server.platform.Rehearsal rehearsal;

    PreviewController(
            Calendars calendars,
            Policies policies,
            Accounts accounts,
            Clocks clocks,
            io.sladesk.server.platform.Rehearsal rehearsal) {
        this.calendars = calendars;
        this.policies = policies;
        this.accounts = accounts;
        this.clocks = clocks;
        this.rehearsal = rehearsal;
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record SampleView(String ticketId, String metric, String before, String after) {}

    record PreviewView(int affectedTickets, List<SampleView> samples) {
        static PreviewView of(ChangePreview p) {
            return new PreviewView(
                    p.affectedTickets(),
                    p.samples().stream()
                            .map(s -> new SampleView(
                                    s.ticketId().toString(),
                                    s.metric().wire(),
                                    instant(s.before()),
                                    instant(s.after())))
                            .toList());
        }

        private static String instant(Instant at) {
            return at == null ? null : at.truncatedTo(ChronoUnit.MILLIS).toString();
        }
    }

    @PostMapping("/calendars/{id}/preview")
    @Operation(
            summary = "What replacing the calendar with this body (as PUT) would do to open tickets' due instants;"
                    + " a body of only {holidays} previews adding them (as POST …/holidays). Nothing is changed")
    PreviewView calendar(
            @AuthenticationPrincipal Actor actor,
            @PathVariable String id,
            @RequestBody SlaConfigController.CalendarRequest body) {
        AccountController.requireAdmin(actor);
        boolean onlyHolidays = body.name() == null && body.timeZone() == null && body.week() == null;
        ResolvedCalendar proposed = onlyHolidays && body.holidays() != null
                ? calendars.proposedWithHolidays(id, body.holidays())
                : calendars.proposed(id, body.toNew());
        return PreviewView.of(clocks.previewCalendar(proposed));
    }

    @PostMapping("/policies/{id}/preview")
    @Operation(
            summary = "What changing the policy with this body (as PATCH: fields left out are kept) would do to"
                    + " open tickets' due instants. Nothing is changed")
    PreviewView policy(
            @AuthenticationPrincipal Actor actor,
            @PathVariable String id,
            @RequestBody SlaConfigController.PolicyRequest body) {
        AccountController.requireAdmin(actor);
        Policy proposed = policies.proposed(id, body.toNew());
        return PreviewView.of(clocks.previewPolicy(proposed));
    }

    @PostMapping("/plans/{id}/preview")
    @Operation(
            summary = "What changing the plan with this body (as PATCH) would do to open tickets' due instants."
                    + " Nothing is changed")
    PreviewView plan(
            @AuthenticationPrincipal Actor actor,
            @PathVariable String id,
            @RequestBody SlaConfigController.PlanRequest body) {
        AccountController.requireAdmin(actor);
        // the checks of PATCH /plans/{id}, in its order
        Checks checks = Checks.start();
        Policy policy = null;
        if (body.policyId() != null) {
            policy = policies.get(body.policyId()).orElse(null);
            if (policy == null) checks.add("policyId", "no policy with id or name '" + body.policyId() + "'");
        }
        if (body.name() != null) checks.text("name", body.name(), 200);
        checks.orThrow();
        Plan current = accounts.plan(id).orElseThrow(() -> new NotFound("Plan " + id + " does not exist"));
        java.util.UUID policyId = policy == null ? null : policy.id();
        Plan proposed = rehearsal.rehearse(() -> accounts.updatePlan(id, body.name(), policyId, body.tam()));
        return PreviewView.of(clocks.previewPlan(current, proposed));
    }

    @PostMapping("/organizations/{id}/preview")
    @Operation(
            summary = "What changing the organization with this body (as PATCH) would do to its open tickets'"
                    + " due instants: a new plan, time zone or calendar retargets them. Nothing is changed")
    PreviewView organization(
            @AuthenticationPrincipal Actor actor,
            @PathVariable String id,
            @RequestBody AccountController.OrganizationPatch body) {
        AccountController.requireAdmin(actor);
        OrganizationChange change = new OrganizationChange(
                body.name(),
                body.plan(),
                body.timeZone(),
                AccountController.clearable(body.calendarId(), "calendarId"),
                AccountController.clearable(body.tamUserId(), "tamUserId"),
                AccountController.clearable(body.backupTamUserId(), "backupTamUserId"),
                body.assignToTam(),
                body.shareHealth(),
                AccountController.clearable(body.externalId(), "externalId"),
                body.widgetOrigins());
        Organization proposed = rehearsal.rehearse(() -> accounts.updateOrganization(id, change));
        return PreviewView.of(clocks.previewOrganization(proposed));
    }
}
