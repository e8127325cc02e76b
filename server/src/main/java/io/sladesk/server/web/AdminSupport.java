package io.sladesk.server.web;

import io.sladesk.server.platform.Audit;
import io.sladesk.server.platform.Problems;
import io.sladesk.server.sla.ChangePreview;
import io.sladesk.server.ticket.Tickets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the admin pages share: only admins pass (agents get the 403 page), a change preview
 * in the viewer's words and zone, the fingerprint that ties a "Save" to the preview shown,
 * and the audit entry of a change saved from a page (the API's changes are audited by its
 * own filter; these do not pass through it).
 */
@Component
class AdminSupport {
    private final Pages pages;
    private final Tickets tickets;
    private final Audit audit;

    AdminSupport(Pages pages, Tickets tickets, Audit audit) {
        this.pages = pages;
        this.tickets = tickets;
        this.audit = audit;
    }

    static void requireAdmin(Viewer viewer) {
        if (!viewer.actor().isAdmin()) throw new Problems.Forbidden("only admins may change the configuration");
    }

    /** One sampled clock as the preview table shows it: the ticket by number, the instants in the viewer's zone. */
    record Line(
            long number,
            String subject,
            String metric,
            String before,
            String after,
            String beforeIso,
            String afterIso) {}

    record Shown(int affected, List<Line> lines, int more) {}

    Shown show(ChangePreview p, Viewer viewer) {
        Moments fmt = pages.moments(viewer);
        // one read for the whole sample, not one per line
        Map<UUID, io.sladesk.server.ticket.TicketSummary> found = tickets.summaries(p.samples().stream()
                .map(ChangePreview.Sample::ticketId)
                .distinct()
                .toList());
        List<Line> lines = p.samples().stream()
                .filter(s -> found.containsKey(s.ticketId()))
                .map(s -> {
                    var t = found.get(s.ticketId());
                    return new Line(
                            t.number(),
                            t.subject(),
                            s.metric().field(),
                            fmt.at(s.before()),
                            fmt.at(s.after()),
                            fmt.iso(s.before()),
                            fmt.iso(s.after()));
                })
                .toList();
        long sampledTickets = p.samples().stream()
                .map(ChangePreview.Sample::ticketId)
                .distinct()
                .count();
        return new Shown(p.affectedTickets(), lines, (int) Math.max(0, p.affectedTickets() - sampledTickets));
    }

    /** Puts the preview and the fingerprint of the values it was made of into the model. */
    /**
     * The two steps of a change that moves due instants: "save" runs {@code save} (which
     * answers the redirect) only when the form's values are the ones previewed; anything
     * else puts {@code preview} on the page, marked stale when a save was asked of changed
     * values. A refusal of either is the form again with its message: 400, or 409 for a
     * conflict. Returns the redirect when saved, else null (the caller renders its page).
     */
    String previewOrSave(
            Viewer viewer,
            String step,
            String previewed,
            String values,
            Model model,
            jakarta.servlet.http.HttpServletResponse response,
            java.util.function.Supplier<String> save,
            java.util.function.Supplier<ChangePreview> preview) {
        try {
            if (step.equals("save") && matches(previewed, values)) return save.get();
            if (step.equals("save")) model.addAttribute("stale", true);
            preview(model, preview.get(), viewer, values);
        } catch (Problems.InvalidInput | Problems.Conflict e) {
            response.setStatus(e instanceof Problems.Conflict ? 409 : 400);
            model.addAttribute("error", pages.problem(e, viewer.locale()));
        }
        return null;
    }

    void preview(Model model, ChangePreview p, Viewer viewer, String values) {
        model.addAttribute("preview", show(p, viewer));
        model.addAttribute("previewed", fingerprint(values));
    }

    /** A digest of the form's values: "Save" saves only what the preview on the page was made of. */
    static String fingerprint(String values) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(values.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean matches(String previewed, String values) {
        return previewed != null
                && MessageDigest.isEqual(
                        previewed.getBytes(StandardCharsets.US_ASCII),
                        fingerprint(values).getBytes(StandardCharsets.US_ASCII));
    }

    void audited(Viewer viewer, String action, String type, UUID id, Map<String, ?> values) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("request", "page " + action + " " + type + "/" + id);
        changes.put("body", values);
        audit.record(viewer.user().id(), action, type, id.toString(), changes);
    }
}
