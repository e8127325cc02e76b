package io.sladesk.server.web;

import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.Organization;
import io.sladesk.server.account.Plan;
import io.sladesk.server.kernel.Severity;
import io.sladesk.server.platform.Page;
import io.sladesk.server.platform.Problems;
import io.sladesk.server.policy.Policies;
import io.sladesk.server.policy.Policy;
import io.sladesk.server.queue.TicketFilter;
import io.sladesk.server.queue.TicketQueue;
import io.sladesk.server.sla.ClockView;
import io.sladesk.server.sla.Clocks;
import io.sladesk.server.ticket.Assignment;
import io.sladesk.server.ticket.Reevaluation;
import io.sladesk.server.ticket.ReevaluationStatus;
import io.sladesk.server.ticket.Reevaluations;
import io.sladesk.server.ticket.Ticket;
import io.sladesk.server.ticket.Tickets;
import io.sladesk.server.timeline.Timelines;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The agent console: the queues, a ticket's page and its actions. */
@Controller
@RequestMapping("/console")
class Console {
    static final List<String> QUEUES = List.of("mine", "unassigned", "soon", "breached", "reevaluations", "all");
    static final List<String> STATUSES = List.of("new", "open", "pending", "on_hold", "solved", "closed");

    private final TicketQueue queue;
    private final Triaged triaged;
    private final io.sladesk.server.reports.AccountHealth health;
    private final Tickets tickets;
    private final Reevaluations reevaluations;
    private final Clocks clocks;
    private final Timelines timelines;
    private final Accounts accounts;
    private final Policies policies;
    private final Rows rows;
    private final Pages pages;
    private final SavedReplies savedReplies;
    private final LiveUpdates live;

    Console(
            TicketQueue queue,
            Triaged triaged,
            io.sladesk.server.reports.AccountHealth health,
            Tickets tickets,
            Reevaluations reevaluations,
            Clocks clocks,
            Timelines timelines,
            Accounts accounts,
            Policies policies,
            Rows rows,
            Pages pages,
            SavedReplies savedReplies,
            LiveUpdates live) {
        this.queue = queue;
        this.triaged = triaged;
        this.health = health;
        this.tickets = tickets;
        this.reevaluations = reevaluations;
        this.clocks = clocks;
        this.timelines = timelines;
        this.accounts = accounts;
        this.policies = policies;
        this.rows = rows;
        this.pages = pages;
        this.savedReplies = savedReplies;
        this.live = live;
    }

    /** A queue's filters as the page's form sends them. */
    record Filters(String queue, String org, String severity, String status, String assignee, String q) {
        static Filters of(String queue, String org, String severity, String status, String assignee, String q) {
            return new Filters(
                    QUEUES.contains(queue) ? queue : "mine",
                    blank(org),
                    blank(severity),
                    blank(status),
                    blank(assignee),
                    q == null ? "" : q.strip());
        }

        private static String blank(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }

        TicketQueue.View view() {
            return switch (queue) {
                case "unassigned" -> TicketQueue.View.UNASSIGNED;
                case "soon" -> TicketQueue.View.BREACHING_SOON;
                case "breached" -> TicketQueue.View.BREACHED;
                case "reevaluations" -> TicketQueue.View.REEVALUATIONS;
                case "all" -> TicketQueue.View.ALL;
                default -> TicketQueue.View.MINE;
            };
        }

        /**
         * Whether no chosen status means every status: the all and re-evaluation queues are not
         * narrowed to working tickets (as {@link TicketQueue#console} does), so their status
         * filter's empty option says "Any status" rather than "Working".
         */
        public boolean everyStatus() {
            return queue.equals("all") || queue.equals("reevaluations");
        }

        /** The query string of these filters (for paging links and the next-ticket move). */
        public String query() {
            StringBuilder b = new StringBuilder("queue=").append(queue);
            add(b, "org", org);
            add(b, "severity", severity);
            add(b, "status", status);
            add(b, "assignee", assignee);
            add(b, "q", q.isEmpty() ? null : q);
            return b.toString();
        }

        private static void add(StringBuilder b, String k, String v) {
            if (v != null)
                b.append('&')
                        .append(k)
                        .append('=')
                        .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private Page<Ticket> run(Viewer viewer, Filters f, String cursor, int limit) {
        String assignee = "me".equals(f.assignee()) ? viewer.user().id().toString() : f.assignee();
        return queue.console(
                viewer.actor(),
                f.view(),
                new TicketFilter(f.status(), f.severity(), null, f.org(), assignee, "due", limit, cursor),
                f.q());
    }

    @GetMapping
    String queue(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @RequestParam(defaultValue = "mine") String queue,
            @RequestParam(required = false) String org,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String assignee,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String cursor,
            Model model) {
        Filters f = Filters.of(queue, org, severity, status, assignee, q);
        fill(viewer, f, cursor, model);
        model.addAttribute("queues", QUEUES);
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("severities", Severity.values());
        model.addAttribute("organizations", accounts.organizations(200, null).items());
        model.addAttribute("staff", accounts.activeStaff());
        return "console/queue";
    }

    /** The queue's rows alone: what htmx swaps when a filter changes or a ticket changes. */
    @GetMapping("/rows")
    String rows(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @RequestParam(defaultValue = "mine") String queue,
            @RequestParam(required = false) String org,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String assignee,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String cursor,
            Model model) {
        fill(viewer, Filters.of(queue, org, severity, status, assignee, q), cursor, model);
        return "console/queue :: rows";
    }

    private void fill(Viewer viewer, Filters f, String cursor, Model model) {
        model.addAttribute("filters", f);
        try {
            Page<Ticket> page = run(viewer, f, cursor, 50);
            model.addAttribute("rows", rows.of(page.items()));
            model.addAttribute("next", page.next());
        } catch (Problems.InvalidInput e) {
            model.addAttribute("rows", List.of());
            model.addAttribute("next", null);
            model.addAttribute("error", pages.problem(e, viewer.locale()));
        }
    }

    /** The next ticket of a queue after this one (the "next ticket" shortcut). */
    @GetMapping("/next")
    String next(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @RequestParam(defaultValue = "mine") String queue,
            @RequestParam(required = false) String org,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String assignee,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") long after) {
        Filters f = Filters.of(queue, org, severity, status, assignee, q);
        List<Ticket> items = run(viewer, f, null, 200).items();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).number() == after && i + 1 < items.size())
                return "redirect:/console/tickets/" + items.get(i + 1).number() + "?" + f.query();
        }
        if (!items.isEmpty() && items.get(0).number() != after)
            return "redirect:/console/tickets/" + items.get(0).number() + "?" + f.query();
        return "redirect:/console?" + f.query();
    }

    // ---- a ticket

    @GetMapping("/tickets/{number}")
    String ticket(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @PathVariable long number,
            @RequestParam(defaultValue = "mine") String queue,
            @RequestParam(required = false) String org,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String assignee,
            @RequestParam(required = false) String q,
            Model model) {
        Ticket t = pages.ticket(viewer, number);
        ZoneId zone = timelines
                .reader(viewer.actor(), viewer.language(), t.organizationId())
                .zone();
        model.addAttribute("fmt", pages.moments(viewer, zone));
        model.addAttribute("filters", Filters.of(queue, org, severity, status, assignee, q));
        model.addAttribute("row", rows.of(t));
        model.addAttribute("conversation", Conversation.of(t, viewer, tickets, accounts));
        model.addAttribute("timeline", timelines.of(viewer.actor(), t.id().toString(), viewer.language()));
        List<Reevaluation> requests = reevaluations.list(viewer.actor(), t.id().toString());
        model.addAttribute("requests", requests);
        model.addAttribute("requestDue", requests.isEmpty() ? Map.of() : clocks.reevaluationDue(t.id()));
        Reevaluation open = requests.stream()
                .filter(r -> r.status() == ReevaluationStatus.OPEN)
                .findFirst()
                .orElse(null);
        model.addAttribute("openRequest", open);
        if (open != null) {
            model.addAttribute("ifAccepted", lines(clocks.whatIf(t.id(), open.requestedSeverity())));
            model.addAttribute("ifDeclined", lines(clocks.whatIf(t.id(), t.severity())));
        }
        model.addAttribute("plan", plan(t, viewer.locale()));
        model.addAttribute("triage", triaged.of(t.triage(), viewer.locale()));
        List<java.util.UUID> following = tickets.followers(viewer.actor(), t.id());
        java.util.Map<java.util.UUID, io.sladesk.server.account.User> people = accounts.users(following);
        model.addAttribute(
                "followers",
                following.stream().filter(people::containsKey).map(people::get).toList());
        model.addAttribute("following", following.contains(viewer.user().id()));
        model.addAttribute(
                "health", health.of(viewer.actor(), t.organizationId().toString()));
        model.addAttribute("staff", accounts.activeStaff());
        model.addAttribute("groups", accounts.groups());
        model.addAttribute("severities", Severity.values());
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("savedReplies", savedReplies.of(viewer.language()));
        model.addAttribute(
                "group",
                t.groupId() == null
                        ? null
                        : accounts.group(t.groupId()).map(g -> g.name()).orElse(null));
        return "console/ticket";
    }

    private static List<Rows.ClockLine> lines(Map<io.sladesk.server.policy.Metric, ClockView> m) {
        List<Rows.ClockLine> out = new ArrayList<>();
        m.forEach((metric, c) -> out.add(Rows.line(metric.field(), c, null)));
        return out;
    }

    /** The organization's plan at a glance: its name, zone, and each severity's targets. */
    record PlanGlance(
            String organization, String plan, String zone, String tam, UUID tamId, Map<String, List<String>> targets) {}

    private PlanGlance plan(Ticket t, Locale locale) {
        Organization org = accounts.organization(t.organizationId()).orElseThrow();
        Plan plan = accounts.plan(org.planId()).orElse(null);
        Map<String, List<String>> targets = new LinkedHashMap<>();
        if (plan != null) {
            Policy p = policies.get(plan.policyId());
            p.targets().forEach((s, perMetric) -> {
                List<String> words = new ArrayList<>();
                perMetric.forEach((metric, target) -> words.add(pages.say("metric." + metric.field(), locale) + " "
                        + (target.isBusinessDays()
                                ? pages.say("target.businessDays", locale, target.businessDays())
                                : new Moments(ZoneId.of("UTC"), locale.toLanguageTag(), java.time.Instant.EPOCH)
                                        .duration(target.duration()))));
                targets.put(s.wire(), words);
            });
        }
        String tam = org.tamUserId() == null
                ? null
                : accounts.user(org.tamUserId()).map(u -> u.name()).orElse(null);
        return new PlanGlance(
                org.name(),
                plan == null ? "" : plan.name(),
                org.timeZone() == null ? "" : org.timeZone(),
                tam,
                org.tamUserId(),
                targets);
    }

    @GetMapping("/tickets/{number}/conversation")
    String conversation(@RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer, @PathVariable long number, Model model) {
        Ticket t = pages.ticket(viewer, number);
        ZoneId zone = timelines
                .reader(viewer.actor(), viewer.language(), t.organizationId())
                .zone();
        model.addAttribute("fmt", pages.moments(viewer, zone));
        model.addAttribute("row", rows.of(t));
        model.addAttribute("conversation", Conversation.of(t, viewer, tickets, accounts));
        return "fragments :: conversation";
    }

    @PostMapping("/tickets/{number}/reply")
    String reply(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @PathVariable long number,
            @RequestParam(defaultValue = "") String body,
            @RequestParam(defaultValue = "public") String visibility,
            @RequestParam(defaultValue = "") String back,
            RedirectAttributes redirect) {
        Ticket t = pages.ticket(viewer, number);
        return act(viewer, t, back, redirect, () -> tickets.post(viewer.actor(), t.id().toString(), body, visibility));
    }

    @PostMapping("/tickets/{number}/assign")
    String assign(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @PathVariable long number,
            @RequestParam(defaultValue = "") String assignee,
            @RequestParam(required = false) String group,
            @RequestParam(defaultValue = "") String back,
            RedirectAttributes redirect) {
        Ticket t = pages.ticket(viewer, number);
        // "me", an agent's id, "none" (unassign) or empty (keep); a group's id, "none" or empty
        boolean assigneeGiven = !assignee.isEmpty();
        String assigneeId = !assigneeGiven || assignee.equals("none")
                ? null
                : assignee.equals("me") ? viewer.user().id().toString() : assignee;
        boolean groupGiven = group != null && !group.isEmpty();
        String groupId = groupGiven && !group.equals("none") ? group : null;
        if (!assigneeGiven && !groupGiven) return "redirect:" + ticketPath(t, back);
        return act(
                viewer,
                t,
                back,
                redirect,
                () -> tickets.assign(
                        viewer.actor(),
                        t.id().toString(),
                        new Assignment(assigneeGiven, assigneeId, groupGiven, groupId)));
    }

    @PostMapping("/tickets/{number}/status")
    String status(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @PathVariable long number,
            @RequestParam String status,
            @RequestParam(defaultValue = "") String back,
            RedirectAttributes redirect) {
        Ticket t = pages.ticket(viewer, number);
        return act(viewer, t, back, redirect, () -> tickets.changeStatus(viewer.actor(), t.id().toString(), status));
    }

    /** Follow or stop following (oneself, or, with {@code userId}, another agent). */
    @PostMapping("/tickets/{number}/followers")
    String follow(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @PathVariable long number,
            @RequestParam(defaultValue = "") String userId,
            @RequestParam(defaultValue = "follow") String action,
            @RequestParam(defaultValue = "") String back,
            RedirectAttributes redirect) {
        Ticket t = pages.ticket(viewer, number);
        String who = userId.isBlank() ? viewer.user().id().toString() : userId;
        return act(viewer, t, back, redirect, () -> {
            if ("unfollow".equals(action)) tickets.unfollow(viewer.actor(), t.id().toString(), who);
            else tickets.follow(viewer.actor(), t.id().toString(), who);
        });
    }

    @PostMapping("/tickets/{number}/severity")
    String severity(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @PathVariable long number,
            @RequestParam(defaultValue = "") String severity,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "") String back,
            RedirectAttributes redirect) {
        Ticket t = pages.ticket(viewer, number);
        return act(
                viewer,
                t,
                back,
                redirect,
                () -> tickets.changeSeverity(viewer.actor(), t.id().toString(), severity, reason));
    }

    @PostMapping("/tickets/{number}/reevaluations/{id}/decision")
    String decide(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @PathVariable long number,
            @PathVariable String id,
            @RequestParam(defaultValue = "") String accept,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "") String back,
            RedirectAttributes redirect) {
        Ticket t = pages.ticket(viewer, number);
        Boolean yes = accept.equals("true") ? Boolean.TRUE : accept.equals("false") ? Boolean.FALSE : null;
        return act(
                viewer,
                t,
                back,
                redirect,
                () -> reevaluations.decide(viewer.actor(), t.id().toString(), id, yes, reason));
    }

    /** "Someone else is replying": told to the others viewing this ticket, never stored. */
    @PostMapping("/tickets/{number}/typing")
    ResponseEntity<Void> typing(@RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer, @PathVariable long number) {
        Ticket t = pages.ticket(viewer, number);
        live.typing(t, viewer.user());
        return ResponseEntity.noContent().build();
    }

    // ---- saved replies

    @PostMapping("/saved-replies")
    String saveReply(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String body,
            @RequestParam(defaultValue = "") String language,
            @RequestParam(defaultValue = "/console") String back,
            RedirectAttributes redirect) {
        try {
            savedReplies.add(
                    viewer.user().id(), PageLanguages.known(language) ? language : viewer.language(), title, body);
        } catch (Problems.InvalidInput e) {
            redirect.addFlashAttribute("error", pages.problem(e, viewer.locale()));
        }
        return "redirect:" + SignIn.localPath(back);
    }

    @PostMapping("/saved-replies/{id}/delete")
    String deleteReply(@PathVariable String id, @RequestParam(defaultValue = "/console") String back) {
        savedReplies.delete(id);
        return "redirect:" + SignIn.localPath(back);
    }

    private String act(Viewer viewer, Ticket t, String back, RedirectAttributes redirect, Runnable action) {
        try {
            action.run();
        } catch (Problems.InvalidInput | Problems.Conflict | Problems.Forbidden e) {
            redirect.addFlashAttribute("error", pages.problem(e, viewer.locale()));
        }
        return "redirect:" + ticketPath(t, back);
    }

    /** Back to the ticket, keeping the queue it was opened from. */
    private static String ticketPath(Ticket t, String back) {
        String path = "/console/tickets/" + t.number();
        return back.startsWith("queue=") && back.chars().noneMatch(c -> c < 0x20 || c == '#')
                ? path + "?" + back
                : path;
    }
}
