package io.sladesk.server.api;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.Actor;
import io.sladesk.server.account.Organization;
import io.sladesk.server.account.Plan;
import io.sladesk.server.calendars.Calendars;
import io.sladesk.server.calendars.NewCalendar;
import io.sladesk.server.calendars.StoredCalendar;
import io.sladesk.server.kernel.Severity;
import io.sladesk.server.platform.Checks;
import io.sladesk.server.platform.Cursor;
import io.sladesk.server.platform.Problems.Forbidden;
import io.sladesk.server.platform.Problems.InvalidInput;
import io.sladesk.server.platform.Problems.NotFound;
import io.sladesk.server.policy.Metric;
import io.sladesk.server.policy.NewPolicy;
import io.sladesk.server.policy.Policies;
import io.sladesk.server.policy.Policy;
import io.sladesk.server.sla.Clocks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Calendars, policies, plans and the due-time preview: the SLA's configuration. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "SLA configuration")
class SlaConfigController {
    /** The last instant the API speaks of: instants are of 1971–2199. */
    private static final Instant LAST_SUPPORTED = Instant.parse("2199-12-31T23:59:59.999Z");

    private final Calendars calendars;
    private final Policies policies;
    private final Accounts accounts;
    private final Clocks clocks;

    SlaConfigController(Calendars calendars, Policies policies, Accounts accounts, Clocks clocks) {
        this.calendars = calendars;
        this.policies = policies;
        this.accounts = accounts;
        this.clocks = clocks;
    }

    record CalendarRequest(
            String name,
            String timeZone,
            Map<String, List<List<String>>> week,
            List<String> holidays,
            @JsonAnySetter @Schema(hidden = true) Map<String, Object> unknown)
            implements StrictBody {
        NewCalendar toNew() {
            return new NewCalendar(name, timeZone, week, holidays);
        }
    }

    record HolidaysRequest(
            List<String> holidays,
            @JsonAnySetter @Schema(hidden = true) Map<String, Object> unknown) implements StrictBody {}

    /**
     * A calendar as listed: the two built-ins ({@code builtIn: true}, with what they mean
     * and no zone of their own) and the stored ones.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CalendarView(
            String id,
            String name,
            boolean builtIn,
            String description,
            String timeZone,
            Map<String, List<List<String>>> week,
            List<String> holidays,
            String createdAt,
            String updatedAt) {
        static CalendarView of(StoredCalendar c) {
            return new CalendarView(
                    c.id().toString(),
                    c.name(),
                    false,
                    null,
                    c.zone().getId(),
                    c.week(),
                    c.holidays().stream().map(LocalDate::toString).toList(),
                    c.createdAt().toString(),
                    c.updatedAt().toString());
        }

        private static final List<List<String>> ALL_DAY = List.of(List.of("00:00", "24:00"));

        static final List<CalendarView> BUILT_IN = List.of(
                builtIn(
                        Calendars.ALWAYS,
                        "Plain elapsed time: every day, all day, no holidays.",
                        EnumSet.allOf(DayOfWeek.class)),
                builtIn(
                        Calendars.BUSINESS_DAYS,
                        "Monday to Friday, all day, in the organization's time zone (else the desk's);"
                                + " an organization with its own calendar uses that one instead.",
                        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)));

        private static CalendarView builtIn(String name, String description, Set<DayOfWeek> days) {
            Map<String, List<List<String>>> week = new LinkedHashMap<>();
            for (DayOfWeek d : days) week.put(d.name(), ALL_DAY);
            return new CalendarView(name, name, true, description, null, week, List.of(), null, null);
        }

        static java.util.Optional<CalendarView> builtIn(String idOrName) {
            return BUILT_IN.stream().filter(c -> c.id().equals(idOrName)).findFirst();
        }
    }

    record PolicyRequest(
            String name,
            Map<String, Map<String, Map<String, Object>>> targets,
            Object warningShare,
            String upgradeGrace,
            List<Map<String, Object>> escalation,
            @JsonAnySetter @Schema(hidden = true) Map<String, Object> unknown)
            implements StrictBody {
        NewPolicy toNew() {
            return new NewPolicy(name, targets, warningShare, upgradeGrace, escalation);
        }
    }

    record PolicyView(
            String id,
            String name,
            Map<String, Map<String, Map<String, Object>>> targets,
            double warningShare,
            String upgradeGrace,
            List<Map<String, Object>> escalation) {
        static PolicyView of(Policy p, Policies policies) {
            return new PolicyView(
                    p.id().toString(),
                    p.name(),
                    policies.targetsJson(p),
                    p.warningShare(),
                    p.upgradeGrace().toString(),
                    policies.escalationJson(p));
        }
    }

    record PlanRequest(
            String name,
            String policyId,
            Boolean tam,
            @JsonAnySetter @Schema(hidden = true) Map<String, Object> unknown)
            implements StrictBody {}

    record PreviewRequest(String policyId, String plan, String severity, String start, String organizationId) {}

    // ---- calendars

    @PostMapping("/calendars")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    ResponseEntity<CalendarView> createCalendar(
            @AuthenticationPrincipal Actor actor, @RequestBody CalendarRequest body) {
        AccountController.requireAdmin(actor);
        StoredCalendar c = calendars.create(body.toNew());
        return ResponseEntity.created(URI.create("/api/v1/calendars/" + c.id())).body(CalendarView.of(c));
    }

    @GetMapping("/calendars")
    Views.PageView<CalendarView> calendars(
            @AuthenticationPrincipal Actor actor,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        requireStaff(actor);
        List<CalendarView> all = new java.util.ArrayList<>(CalendarView.BUILT_IN);
        calendars.list().forEach(c -> all.add(CalendarView.of(c)));
        return AccountController.page(Cursor.slice(all, limit, cursor), c -> c);
    }

    @GetMapping("/calendars/{id}")
    CalendarView calendar(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
        requireStaff(actor);
        return CalendarView.builtIn(id)
                .or(() -> calendars.get(id).map(CalendarView::of))
                .orElseThrow(() -> new NotFound("Calendar " + id + " does not exist"));
    }

    @PutMapping("/calendars/{id}")
    @Operation(summary = "Replace a calendar; running clocks on it are recomputed in the background")
    CalendarView updateCalendar(
            @AuthenticationPrincipal Actor actor, @PathVariable String id, @RequestBody CalendarRequest body) {
        AccountController.requireAdmin(actor);
        return CalendarView.of(calendars.update(id, body.toNew()));
    }

    @org.springframework.web.bind.annotation.DeleteMapping("/calendars/{id}")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a calendar nothing uses (else 409 naming what does)")
    ResponseEntity<Void> deleteCalendar(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
        AccountController.requireAdmin(actor);
        calendars.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/calendars/{id}/holidays")
    @Operation(summary = "Add holidays (ISO dates)")
    CalendarView addHolidays(
            @AuthenticationPrincipal Actor actor, @PathVariable String id, @RequestBody HolidaysRequest body) {
        AccountController.requireAdmin(actor);
        return CalendarView.of(calendars.addHolidays(id, body.holidays()));
    }

    @PostMapping(path = "/calendars/{id}/holidays/import", consumes = "text/calendar")
    @Operation(summary = "Add the all-day events of an iCalendar (.ics) file as holidays")
    CalendarView importHolidays(
            @AuthenticationPrincipal Actor actor, @PathVariable String id, @RequestBody String ics) {
        AccountController.requireAdmin(actor);
        return CalendarView.of(calendars.importHolidays(id, ics));
    }

    // ---- policies and plans

    @PostMapping("/policies")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    ResponseEntity<PolicyView> createPolicy(@AuthenticationPrincipal Actor actor, @RequestBody PolicyRequest body) {
        AccountController.requireAdmin(actor);
        Policy p = policies.create(body.toNew());
        return ResponseEntity.created(URI.create("/api/v1/policies/" + p.id())).body(PolicyView.of(p, policies));
    }

    @GetMapping("/policies")
    Views.PageView<PolicyView> policies(
            @AuthenticationPrincipal Actor actor,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        requireStaff(actor);
        return AccountController.page(Cursor.slice(policies.list(), limit, cursor), p -> PolicyView.of(p, policies));
    }

    @GetMapping("/policies/{id}")
    PolicyView policy(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
        requireStaff(actor);
        return policies.get(id)
                .map(p -> PolicyView.of(p, policies))
                .orElseThrow(() -> new NotFound("Policy " + id + " does not exist"));
    }

    @PutMapping("/policies/{id}")
    @Operation(summary = "Replace a policy; running clocks under it are recomputed in the background")
    PolicyView updatePolicy(
            @AuthenticationPrincipal Actor actor, @PathVariable String id, @RequestBody PolicyRequest body) {
        AccountController.requireAdmin(actor);
        return PolicyView.of(policies.update(id, body.toNew()), policies);
    }

    @org.springframework.web.bind.annotation.PatchMapping("/policies/{id}")
    @Operation(summary = "Change the fields given (a rename touches nothing else); running clocks are recomputed")
    PolicyView patchPolicy(
            @AuthenticationPrincipal Actor actor, @PathVariable String id, @RequestBody PolicyRequest body) {
        AccountController.requireAdmin(actor);
        return PolicyView.of(policies.patch(id, body.toNew()), policies);
    }

    @org.springframework.web.bind.annotation.DeleteMapping("/policies/{id}")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a policy no plan and no clock uses (else 409 naming what does)")
    ResponseEntity<Void> deletePolicy(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
        AccountController.requireAdmin(actor);
        policies.delete(id);
        return ResponseEntity.noContent().build();
    }

    @org.springframework.web.bind.annotation.PatchMapping("/plans/{id}")
    @Operation(
            summary = "Rename a plan, hold it to another policy, or add or remove the TAM add-on (tam);"
                    + " organizations refer to it by id")
    Views.PlanView patchPlan(
            @AuthenticationPrincipal Actor actor, @PathVariable String id, @RequestBody PlanRequest body) {
        AccountController.requireAdmin(actor);
        Checks checks = Checks.start();
        Policy policy = null;
        if (body.policyId() != null) {
            policy = policies.get(body.policyId()).orElse(null);
            if (policy == null) checks.add("policyId", "no policy with id or name '" + body.policyId() + "'");
        }
        if (body.name() != null) checks.text("name", body.name(), 200);
        checks.orThrow();
        return Views.PlanView.of(accounts.updatePlan(id, body.name(), policy == null ? null : policy.id(), body.tam()));
    }

    @org.springframework.web.bind.annotation.DeleteMapping("/plans/{id}")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a plan no organization is on (else 409 naming them)")
    ResponseEntity<Void> deletePlan(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
        AccountController.requireAdmin(actor);
        accounts.deletePlan(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/plans")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    ResponseEntity<Views.PlanView> createPlan(@AuthenticationPrincipal Actor actor, @RequestBody PlanRequest body) {
        AccountController.requireAdmin(actor);
        Checks checks = Checks.start();
        Policy policy = null;
        if (body.policyId() == null) checks.add("policyId", "is required");
        else {
            policy = policies.get(body.policyId()).orElse(null);
            if (policy == null) checks.add("policyId", "no policy with id or name '" + body.policyId() + "'");
        }
        checks.text("name", body.name(), 200);
        checks.orThrow();
        Plan plan = accounts.createPlan(body.name(), policy.id(), Boolean.TRUE.equals(body.tam()));
        return ResponseEntity.created(URI.create("/api/v1/plans/" + plan.id())).body(Views.PlanView.of(plan));
    }

    // ---- preview

    @PostMapping("/sla/preview")
    @Operation(summary = "The due instants a ticket of this severity, opened at start, would get")
    Map<String, Map<String, String>> preview(@AuthenticationPrincipal Actor actor, @RequestBody PreviewRequest body) {
        Checks checks = Checks.start();
        Severity severity = checks.requiredEnum("severity", body.severity(), Severity.class, Severity::wire);
        Instant start = body.start() == null ? null : checks.optionalInstant("start", body.start());
        if (body.start() == null) checks.add("start", "is required, an ISO-8601 instant");
        Organization org = null;
        if (body.organizationId() != null) {
            org = accounts.organization(body.organizationId())
                    .filter(o -> actor.canSee(o.id()))
                    .orElse(null);
            if (org == null) checks.add("organizationId", "no organization '" + body.organizationId() + "'");
        } else if (!actor.isStaff()) {
            org = accounts.organization(actor.organizationId()).orElseThrow();
        }
        Policy policy = null;
        java.util.UUID planId = null;
        if (!actor.isStaff() && (body.policyId() != null || body.plan() != null)) {
            // policies and plans are staff configuration; a customer previews their own plan
            throw new Forbidden("Customers preview their own organization's plan: leave out policyId and plan");
        }
        if (body.policyId() != null) {
            policy = policies.get(body.policyId()).orElse(null);
            if (policy == null) checks.add("policyId", "no policy with id or name '" + body.policyId() + "'");
        } else {
            Plan plan = body.plan() != null
                    ? accounts.plan(body.plan()).orElse(null)
                    : org != null ? accounts.plan(org.planId()).orElse(null) : null;
            if (plan == null)
                checks.add(
                        body.plan() != null ? "plan" : "policyId",
                        body.plan() != null
                                ? "no plan '" + body.plan() + "'"
                                : "give policyId, plan or organizationId");
            else {
                policy = policies.get(plan.policyId());
                planId = plan.id();
            }
        }
        checks.orThrow();
        Map<Metric, Instant> due;
        try {
            due = clocks.preview(org, planId, policy, severity, start);
        } catch (DateTimeException e) {
            // a start the parser accepts may still have its due instants past the calendar's years
            throw new InvalidInput(
                    "start", "'" + body.start() + "' gives due instants after 2199, beyond the supported years");
        }
        if (due.values().stream().anyMatch(at -> at.isAfter(LAST_SUPPORTED)))
            throw new InvalidInput(
                    "start", "'" + body.start() + "' gives due instants after 2199, beyond the supported years");
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        due.forEach((m, at) -> out.put(m.field(), Map.of("dueAt", at.toString())));
        return out;
    }

    private static void requireStaff(Actor actor) {
        if (!actor.isStaff()) throw new Forbidden("Only agents and admins may read the SLA configuration");
    }
}
