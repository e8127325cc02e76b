package io.sladesk.server.web;

import io.sladesk.server.notification.Delivery;
import io.sladesk.server.notification.Webhook;
import io.sladesk.server.notification.Webhooks;
import io.sladesk.server.platform.Page;
import io.sladesk.server.platform.Problems;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Webhooks with their delivery log, each attempt shown, and "send again" for a dead letter. */
@Controller
class AdminWebhooks {
    private final Webhooks webhooks;
    private final AdminSupport admin;
    private final Pages pages;

    AdminWebhooks(Webhooks webhooks, AdminSupport admin, Pages pages) {
        this.webhooks = webhooks;
        this.admin = admin;
        this.pages = pages;
    }

    @GetMapping("/console/admin/webhooks")
    String list(@RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer, Model model) {
        AdminSupport.requireAdmin(viewer);
        model.addAttribute("webhooks", webhooks.list());
        return "admin/webhooks";
    }

    @GetMapping("/console/admin/webhooks/{id}")
    String deliveries(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @PathVariable String id,
            @RequestParam(required = false) String cursor,
            Model model) {
        AdminSupport.requireAdmin(viewer);
        Webhook w = webhooks.get(id).orElseThrow(() -> new Problems.NotFound("Webhook " + id + " does not exist"));
        Page<Delivery> page = webhooks.deliveries(id, 50, cursor);
        model.addAttribute("webhook", w);
        model.addAttribute("deliveries", page.items());
        model.addAttribute("next", page.next());
        return "admin/webhook";
    }

    @PostMapping("/console/admin/webhooks/{id}/deliveries/{deliveryId}/resend")
    String resend(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @PathVariable String id,
            @PathVariable String deliveryId,
            RedirectAttributes redirect) {
        AdminSupport.requireAdmin(viewer);
        Webhook w = webhooks.get(id).orElseThrow(() -> new Problems.NotFound("Webhook " + id + " does not exist"));
        try {
            webhooks.resend(id, deliveryId);
            admin.audited(
                    viewer, "changed deliveries/resend", "webhooks", w.id(), java.util.Map.of("delivery", deliveryId));
            redirect.addFlashAttribute("resent", true);
        } catch (Problems.Conflict e) {
            redirect.addFlashAttribute("error", pages.problem(e, viewer.locale()));
        }
        return "redirect:/console/admin/webhooks/" + w.id();
    }
}
