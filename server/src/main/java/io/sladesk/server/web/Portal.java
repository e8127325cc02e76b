package io.sladesk.server.web;

import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.Organization;
import io.sladesk.server.account.Plan;
import io.sladesk.server.kernel.Severity;
import io.sladesk.server.platform.Page;
import io.sladesk.server.platform.Problems;
import io.sladesk.server.policy.Metric;
import io.sladesk.server.policy.Policies;
import io.sladesk.server.policy.Policy;
import io.sladesk.server.queue.TicketFilter;
import io.sladesk.server.queue.TicketQueue;
import io.sladesk.server.sla.Clocks;
import io.sladesk.server.ticket.Channel;
import io.sladesk.server.ticket.Message;
import io.sladesk.server.ticket.NewTicket;
import io.sladesk.server.ticket.Reevaluation;
import io.sladesk.server.ticket.Reevaluations;
import io.sladesk.server.ticket.Ticket;
import io.sladesk.server.ticket.Tickets;
import io.sladesk.server.timeline.Timelines;
import io.sladesk.server.triage.Triage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The customer portal: the organization's tickets, a new ticket, a ticket's page. */
@Controller
@RequestMapping("/portal")
class Portal {
    private final TicketQueue queue;
    private final Tickets tickets;
    private final Reevaluations reevaluations;
    private final Clocks clocks;
    private final Timelines timelines;
    private final Accounts accounts;
    private final Policies policies;
    private final Triage triage;
    private final Triaged triaged;
    private final Rows rows;
    private final Pages pages;
    private final Clock clock;

    Portal(
            TicketQueue queue,
            Tickets tickets,
            Reevaluations reevaluations,
            Clocks clocks,
            Timelines timelines,
            Accounts accounts,
            Policies policies,
            Triage triage,
            Triaged triaged,
            Rows rows,
            Pages pages,
            Clock clock) {
        this.queue = queue;
        this.tickets = tickets;
        this.reevaluations = reevaluations;
        this.clocks = clocks;
        this.timelines = timelines;
        this.accounts = accounts;
        this.policies = policies;
        this.triage = triage;
        this.triaged = triaged;
        this.rows = rows;
        this.pages = pages;
        this.clock = clock;
    }

    @GetMapping
    String list(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @RequestParam(required = false) String cursor,
            Model model) {
        Page<Ticket> page =
                queue.list(viewer.actor(), new TicketFilter(null, null, null, null, null, "created", 50, cursor));
        model.addAttribute("rows", rows.of(page.items()));
        model.addAttribute("next", page.next());
        model.addAttribute(
                "organization",
                accounts.organization(viewer.user().organizationId())
                        .map(Organization::name)
                        .orElse(""));
        return "portal/list";
    }

    // ---- a new ticket

    @GetMapping("/tickets/new")
    String form(@RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer, Model model) {
        model.addAttribute("subject", "");
        model.addAttribute("description", "");
        model.addAttribute("severity", "");
        model.addAttribute("requestKey", UUID.randomUUID().toString());
        model.addAttribute("severities", Severity.values());
        model.addAttribute("promises", promises(viewer));
        model.addAttribute("suggestion", null);
        return "portal/new";
    }

    /** The promised times of each severity on the viewer's plan, for a ticket opened now. */
    private Map<String, Map<String, Instant>> promises(Viewer viewer) {
        Organization org = accounts.organization(viewer.user().organizationId()).orElseThrow();
        Plan plan = accounts.plan(org.planId()).orElseThrow();
        Policy policy = policies.get(plan.policyId());
        Instant now = clock.instant();
        Map<String, Map<String, Instant>> out = new java.util.LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            Map<String, Instant> m = new java.util.LinkedHashMap<>();
            clocks.preview(org, plan.id(), policy, s, now).forEach((metric, at) -> m.put(metric.field(), at));
            out.put(s.wire(), m);
        }
        return out;
    }

    /** A suggested severity, why, and the promise of the chosen (else suggested) one: as the customer types. */
    @PostMapping("/tickets/new/suggest")
    String suggest(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @RequestParam(defaultValue = "") String subject,
            @RequestParam(defaultValue = "") String description,
            @RequestParam(defaultValue = "") String severity,
            Model model) {
        String s = subject.length() > 250 ? subject.substring(0, 250) : subject;
        String d = description.length() > 100_000 ? description.substring(0, 100_000) : description;
        model.addAttribute("suggestion", triaged.of(triage.suggest(s, d), viewer.locale()));
        Severity chosen = parse(severity);
        model.addAttribute("severity", chosen == null ? "" : chosen.wire());
        model.addAttribute("promises", promises(viewer));
        return "portal/new :: advice";
    }

    private static Severity parse(String severity) {
        for (Severity s : Severity.values()) if (s.wire().equals(severity)) return s;
        return null;
    }

    @PostMapping("/tickets")
    String create(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @RequestParam(defaultValue = "") String subject,
            @RequestParam(defaultValue = "") String description,
            @RequestParam(defaultValue = "") String severity,
            @RequestParam(required = false) String requestKey,
            Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        try {
            var created = tickets.create(
                    viewer.actor(),
                    new NewTicket(subject, description, severity.isEmpty() ? null : severity, null, null, null, null),
                    requestKey == null || requestKey.isBlank() ? null : requestKey,
                    // the portal's form is how it arrived, whatever a customer could post
                    Channel.PORTAL);
            return "redirect:/portal/tickets/" + created.ticket().number();
        } catch (Problems.InvalidInput e) {
            response.setStatus(400);
            model.addAttribute("error", pages.problem(e, viewer.locale()));
            model.addAttribute("subject", subject);
            model.addAttribute("description", description);
            // a severity that is none of P1..P4 was the problem: the form shows "suggest it" again
            model.addAttribute("severity", parse(severity) == null ? "" : severity);
            model.addAttribute("requestKey", requestKey);
            model.addAttribute("severities", Severity.values());
            model.addAttribute("promises", promises(viewer));
            model.addAttribute("suggestion", null);
            return "portal/new";
        }
    }

    // ---- a ticket

    @GetMapping("/tickets/{number}")
    String ticket(@RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer, @PathVariable long number, Model model) {
        Ticket t = pages.ticket(viewer, number);
        model.addAttribute("row", rows.of(t));
        model.addAttribute("triage", triaged.of(t.triage(), viewer.locale()));
        model.addAttribute("conversation", Conversation.of(t, viewer, tickets, accounts));
        List<Reevaluation> requests = reevaluations.list(viewer.actor(), t.id().toString());
        model.addAttribute("requests", requests);
        model.addAttribute("requestDue", requests.isEmpty() ? Map.of() : clocks.reevaluationDue(t.id()));
        model.addAttribute(
                "openRequest",
                requests.stream().anyMatch(r -> r.status() == io.sladesk.server.ticket.ReevaluationStatus.OPEN));
        model.addAttribute("severities", Severity.values());
        model.addAttribute("timeline", timelines.of(viewer.actor(), t.id().toString(), viewer.language()));
        model.addAttribute("fmt", pages.moments(viewer));
        return "portal/ticket";
    }

    @GetMapping("/tickets/{number}/conversation")
    String conversation(@RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer, @PathVariable long number, Model model) {
        Ticket t = pages.ticket(viewer, number);
        model.addAttribute("row", rows.of(t));
        model.addAttribute("conversation", Conversation.of(t, viewer, tickets, accounts));
        return "fragments :: conversation";
    }

    @PostMapping("/tickets/{number}/reply")
    String reply(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @PathVariable long number,
            @RequestParam(defaultValue = "") String body,
            RedirectAttributes redirect) {
        Ticket t = pages.ticket(viewer, number);
        return act(viewer, t, redirect, () -> tickets.post(viewer.actor(), t.id().toString(), body, null));
    }

    @PostMapping("/tickets/{number}/status")
    String status(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @PathVariable long number,
            @RequestParam String status,
            RedirectAttributes redirect) {
        Ticket t = pages.ticket(viewer, number);
        return act(viewer, t, redirect, () -> tickets.changeStatus(viewer.actor(), t.id().toString(), status));
    }

    @PostMapping("/tickets/{number}/reevaluations")
    String reevaluate(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @PathVariable long number,
            @RequestParam(defaultValue = "") String requestedSeverity,
            @RequestParam(defaultValue = "") String reason,
            RedirectAttributes redirect) {
        Ticket t = pages.ticket(viewer, number);
        return act(
                viewer,
                t,
                redirect,
                () -> reevaluations.request(viewer.actor(), t.id().toString(), requestedSeverity, reason));
    }

    @PostMapping("/tickets/{number}/reevaluations/{id}/withdraw")
    String withdraw(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @PathVariable long number,
            @PathVariable String id,
            RedirectAttributes redirect) {
        Ticket t = pages.ticket(viewer, number);
        return act(viewer, t, redirect, () -> reevaluations.withdraw(viewer.actor(), t.id().toString(), id));
    }

    /** Does it and shows the ticket again; a refusal is shown on the ticket in the viewer's words. */
    private String act(Viewer viewer, Ticket t, RedirectAttributes redirect, Runnable action) {
        try {
            action.run();
        } catch (Problems.InvalidInput | Problems.Conflict | Problems.Forbidden e) {
            redirect.addFlashAttribute("error", pages.problem(e, viewer.locale()));
        }
        return "redirect:/portal/tickets/" + t.number();
    }

    static List<Message> all(Tickets tickets, Viewer viewer, Ticket t) {
        List<Message> out = new ArrayList<>();
        String cursor = null;
        do {
            Page<Message> p = tickets.messages(viewer.actor(), t.id().toString(), 200, cursor);
            out.addAll(p.items());
            cursor = p.next();
        } while (cursor != null && out.size() < 2_000);
        return out;
    }

    static Metric metric(String field) {
        return field.equals("firstResponse") ? Metric.FIRST_RESPONSE : Metric.RESOLUTION;
    }
}
