package io.sladesk.server.api;

import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.Actor;
import io.sladesk.server.platform.Cursor;
import io.sladesk.server.policy.Policies;
import io.sladesk.server.queue.TicketFilter;
import io.sladesk.server.queue.TicketQueue;
import io.sladesk.server.sla.Clocks;
import io.sladesk.server.sla.SlaView;
import io.sladesk.server.ticket.NewTicket;
import io.sladesk.server.ticket.Ticket;
import io.sladesk.server.ticket.Tickets;
import io.sladesk.server.timeline.Timelines;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tickets")
@Tag(name = "Tickets")
class TicketController {
    private final Tickets tickets;
    private final Clocks clocks;
    private final TicketQueue queue;
    private final Timelines timelines;
    private final Policies policies;
    private final Accounts accounts;

    TicketController(
            Tickets tickets,
            Clocks clocks,
            TicketQueue queue,
            Timelines timelines,
            Policies policies,
            Accounts accounts) {
        this.accounts = accounts;
        this.tickets = tickets;
        this.clocks = clocks;
        this.queue = queue;
        this.timelines = timelines;
        this.policies = policies;
    }

    /**
     * The ticket as stored once the request's transaction committed: what the SLA did in
     * that transaction (a breach found at once, its escalation) is part of the answer.
     */
    private Views.TicketView view(Ticket t, Actor actor) {
        Ticket fresh = tickets.get(actor, t.id().toString());
        return Views.TicketView.of(
                fresh,
                actor,
                clocks.views(List.of(fresh.id())).get(fresh.id()),
                tickets.followers(actor, fresh.id()),
                policies::targetJson);
    }

    record TicketRequest(
            String subject,
            String description,
            String severity,
            String organizationId,
            String requesterEmail,
            String channel,
            String createdAt) {}

    record MessageRequest(String body, String visibility) {}

    record StatusRequest(String status) {}

    record SeverityRequest(String severity, String reason) {}

    @PostMapping
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @Operation(summary = "Open a ticket; a retry with the same Idempotency-Key within 24 h returns the first ticket")
    ResponseEntity<Views.TicketView> create(
            @AuthenticationPrincipal Actor actor,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @org.springframework.web.bind.annotation.RequestAttribute(
                            name = SecurityConfiguration.BearerTokens.CHANNEL,
                            required = false)
                    String tokenChannel,
            @RequestBody TicketRequest body) {
        var created = tickets.create(
                actor,
                new NewTicket(
                        body.subject(),
                        body.description(),
                        body.severity(),
                        body.organizationId(),
                        body.requesterEmail(),
                        body.channel(),
                        body.createdAt()),
                idempotencyKey,
                // a widget session's ticket arrived through the widget, whoever asks
                "widget".equals(tokenChannel) ? io.sladesk.server.ticket.Channel.WIDGET : null);
        var ticket = created.ticket();
        var response = ResponseEntity.created(URI.create("/api/v1/tickets/" + ticket.id()));
        if (created.replayed()) response.header("Idempotent-Replayed", "true");
        return response.body(view(ticket, actor));
    }

    @GetMapping("/{id}")
    Views.TicketView get(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
        return view(tickets.get(actor, id), actor);
    }

    @GetMapping
    @Operation(
            summary = "List tickets; status and severity take comma-separated values; sort=created|due;"
                    + " requesterId: a user id or me (customers: someone of their own organization)."
                    + " Staff may also ask for a console queue (view=mine|unassigned|breaching_soon|breached|"
                    + "reevaluations|all, always in due order) and search it (q: a ticket number, or text in the"
                    + " subject, the requester's name or email, or a message)")
    Views.PageView<Views.TicketView> list(
            @AuthenticationPrincipal Actor actor,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) Boolean breached,
            @RequestParam(required = false) String organizationId,
            @RequestParam(required = false) String assigneeId,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String view,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String requesterId) {
        TicketFilter filter = new TicketFilter(
                status,
                severity,
                breached,
                AccountController.organizationFilter(accounts, actor, organizationId),
                assigneeId,
                sort,
                limit,
                cursor,
                requesterId);
        var page = view == null && q == null
                ? queue.list(actor, filter)
                : queue.console(actor, queueView(view), filter, q);
        List<UUID> ids = page.items().stream().map(Ticket::id).toList();
        Map<UUID, SlaView> sla = clocks.views(ids);
        Map<UUID, List<UUID>> followers = tickets.followers(actor, ids);
        return new Views.PageView<>(
                page.items().stream()
                        .map(t -> Views.TicketView.of(
                                t,
                                actor,
                                sla.get(t.id()),
                                followers.getOrDefault(t.id(), List.of()),
                                policies::targetJson))
                        .toList(),
                page.next());
    }

    /** A console queue by its wire name; none given (a search alone) is every ticket. */
    private static TicketQueue.View queueView(String view) {
        if (view == null) return TicketQueue.View.ALL;
        for (TicketQueue.View v : TicketQueue.View.values()) if (v.name().equalsIgnoreCase(view)) return v;
        throw new io.sladesk.server.platform.Problems.InvalidInput(
                "view",
                "'" + view + "' is not one of [mine, unassigned, breaching_soon, breached, reevaluations, all]");
    }

    @GetMapping("/{id}/messages")
    @Operation(summary = "The conversation, oldest first (customers: public messages only), paged like every list")
    Views.PageView<Views.MessageView> messages(
            @AuthenticationPrincipal Actor actor,
            @PathVariable String id,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return AccountController.page(tickets.messages(actor, id, limit, cursor), Views.MessageView::of);
    }

    @PostMapping("/{id}/messages")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    ResponseEntity<Views.MessageView> post(
            @AuthenticationPrincipal Actor actor, @PathVariable String id, @RequestBody MessageRequest body) {
        var m = tickets.post(actor, id, body.body(), body.visibility());
        return ResponseEntity.created(URI.create("/api/v1/tickets/" + id + "/messages"))
                .body(Views.MessageView.of(m));
    }

    @PostMapping("/{id}/status")
    Views.TicketView status(
            @AuthenticationPrincipal Actor actor, @PathVariable String id, @RequestBody StatusRequest body) {
        return view(tickets.changeStatus(actor, id, body.status()), actor);
    }

    @PostMapping("/{id}/assign")
    @Operation(summary = "Assign an agent, a group or both; {\"assigneeId\": null} unassigns (agent)")
    Views.TicketView assign(
            @AuthenticationPrincipal Actor actor, @PathVariable String id, @RequestBody Map<String, Object> body) {
        return view(
                tickets.assign(
                        actor,
                        id,
                        new io.sladesk.server.ticket.Assignment(
                                body.containsKey("assigneeId"),
                                text(body.get("assigneeId"), "assigneeId"),
                                body.containsKey("groupId"),
                                text(body.get("groupId"), "groupId"))),
                actor);
    }

    private static String text(Object value, String field) {
        if (value == null || value instanceof String) return (String) value;
        throw new io.sladesk.server.platform.Problems.InvalidInput(field, "must be a string id or null");
    }

    @PostMapping("/{id}/followers/{userId}")
    @Operation(summary = "Make an agent follow the ticket (agents; following twice is no change)")
    Views.TicketView follow(
            @AuthenticationPrincipal Actor actor, @PathVariable String id, @PathVariable String userId) {
        return view(tickets.follow(actor, id, userId), actor);
    }

    @org.springframework.web.bind.annotation.DeleteMapping("/{id}/followers/{userId}")
    @Operation(summary = "Stop an agent following the ticket (agents)")
    Views.TicketView unfollow(
            @AuthenticationPrincipal Actor actor, @PathVariable String id, @PathVariable String userId) {
        return view(tickets.unfollow(actor, id, userId), actor);
    }

    @PostMapping("/{id}/severity")
    Views.TicketView severity(
            @AuthenticationPrincipal Actor actor, @PathVariable String id, @RequestBody SeverityRequest body) {
        return view(tickets.changeSeverity(actor, id, body.severity(), body.reason()), actor);
    }

    @GetMapping("/{id}/timeline")
    @Operation(
            summary = "Every SLA and ticket event, oldest first, in the reader's language (Accept-Language) and"
                    + " zone, paged like every list")
    Views.PageView<Views.TimelineItem> timeline(
            @AuthenticationPrincipal Actor actor,
            @PathVariable String id,
            @RequestHeader(name = "Accept-Language", required = false) String language,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        // rendered whole (names and words are read now) and sliced with an offset cursor, as configuration lists are
        List<Views.TimelineItem> all = timelines.of(actor, id, language).stream()
                .map(Views.TimelineItem::of)
                .toList();
        return AccountController.page(Cursor.slice(all, limit, cursor), item -> item);
    }
}
