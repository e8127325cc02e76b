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
