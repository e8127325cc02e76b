package io.sladesk.server.api;

import io.sladesk.server.account.Actor;
import io.sladesk.server.notification.Delivery;
import io.sladesk.server.notification.Webhook;
import io.sladesk.server.notification.Webhooks;
import io.sladesk.server.platform.Cursor;
import io.sladesk.server.platform.Problems.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Webhooks: admins register receivers and read what was sent to them. */
@RestController
@RequestMapping("/api/v1/webhooks")
@Tag(name = "Webhooks")
class WebhookController {
    private final Webhooks webhooks;

    WebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    record WebhookRequest(String url, List<String> events) {}

    /** A partial update: what is given changes. */
    record WebhookChange(String url, List<String> events, Boolean active) {}

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record WebhookView(String id, String url, List<String> events, boolean active, String createdAt, String secret) {
        static WebhookView of(Webhook w, String secret) {
            return new WebhookView(
                    w.id().toString(),
                    w.url(),
                    w.events(),
                    w.active(),
                    w.createdAt().toString(),
                    secret);
        }
    }

    record AttemptView(String at, Integer status, String error, long durationMs) {}

    record DeliveryView(
            String id,
            String eventId,
            String type,
            String status,
            int attemptCount,
            String nextAttemptAt,
            String createdAt,
            String deliveredAt,
            List<AttemptView> attempts) {
        static DeliveryView of(Delivery d) {
            return new DeliveryView(
                    d.id().toString(),
                    d.eventId().toString(),
                    d.type(),
                    d.status(),
                    d.attempts(),
                    d.status().equals("pending") ? d.nextAttemptAt().toString() : null,
                    d.createdAt().toString(),
                    Views.instant(d.deliveredAt()),
                    d.history().stream()
                            .map(a -> new AttemptView(a.at().toString(), a.statusCode(), a.error(), a.durationMs()))
                            .toList());
        }
    }

    @PostMapping
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @Operation(summary = "Register a webhook; the answer holds its signing secret, shown only here")
    ResponseEntity<WebhookView> register(@AuthenticationPrincipal Actor actor, @RequestBody WebhookRequest body) {
        AccountController.requireAdmin(actor);
        Webhooks.Registered r = webhooks.register(body.url(), body.events());
        return ResponseEntity.created(
                        URI.create("/api/v1/webhooks/" + r.webhook().id()))
                .body(WebhookView.of(r.webhook(), r.secret()));
    }

    @GetMapping
    Views.PageView<WebhookView> list(
            @AuthenticationPrincipal Actor actor,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        AccountController.requireAdmin(actor);
        return AccountController.page(Cursor.slice(webhooks.list(), limit, cursor), w -> WebhookView.of(w, null));
    }

    @GetMapping("/{id}")
    WebhookView get(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
        AccountController.requireAdmin(actor);
        return webhooks.get(id)
                .map(w -> WebhookView.of(w, null))
                .orElseThrow(() -> new NotFound("Webhook " + id + " does not exist"));
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change a webhook's URL (checked as at registration), events, or whether it is active")
    WebhookView update(@AuthenticationPrincipal Actor actor, @PathVariable String id, @RequestBody WebhookChange body) {
        AccountController.requireAdmin(actor);
        return WebhookView.of(webhooks.update(id, body.url(), body.events(), body.active()), null);
    }

    @DeleteMapping("/{id}")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
    ResponseEntity<Void> deactivate(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
        AccountController.requireAdmin(actor);
        webhooks.deactivate(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/deliveries")
    @Operation(summary = "The webhook's deliveries, newest first, each with its attempts")
    Views.PageView<DeliveryView> deliveries(
            @AuthenticationPrincipal Actor actor,
            @PathVariable String id,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        AccountController.requireAdmin(actor);
        return AccountController.page(webhooks.deliveries(id, limit, cursor), DeliveryView::of);
    }

    @PostMapping("/{id}/deliveries/{deliveryId}/resend")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
    @Operation(summary = "Send a dead-lettered delivery again, with the same event id (409 if it is not dead)")
    ResponseEntity<Void> resend(
            @AuthenticationPrincipal Actor actor, @PathVariable String id, @PathVariable String deliveryId) {
        AccountController.requireAdmin(actor);
        webhooks.resend(id, deliveryId);
        return ResponseEntity.noContent().build();
    }
}
