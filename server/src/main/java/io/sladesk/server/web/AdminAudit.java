package io.sladesk.server.web;

import io.sladesk.server.account.Accounts;
import io.sladesk.server.platform.Audit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/** The audit log, newest first: who changed what, when (through the API or these pages). */
@Controller
class AdminAudit {
    private static final int PAGE = 50;

    private final Audit audit;
    private final Accounts accounts;
    private final JsonMapper json;

    AdminAudit(Audit audit, Accounts accounts, JsonMapper json) {
        this.audit = audit;
        this.accounts = accounts;
        this.json = json;
    }

    record Line(java.time.Instant at, String actor, String action, String subject, String changes) {}

    @GetMapping("/console/admin/audit")
    String list(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @RequestParam(required = false) Long before,
            Model model) {
        AdminSupport.requireAdmin(viewer);
        List<Audit.Entry> rows = audit.list(PAGE + 1, before != null && before > 0 ? before : null);
        List<Audit.Entry> page = rows.size() > PAGE ? rows.subList(0, PAGE) : rows;
        Map<UUID, io.sladesk.server.account.User> people = accounts.users(page.stream()
                .map(Audit.Entry::actorId)
                .filter(Objects::nonNull)
                .distinct()
                .toList());
        model.addAttribute(
                "lines",
                page.stream()
                        .map(e -> new Line(
                                e.at(),
                                e.actorId() == null || !people.containsKey(e.actorId())
                                        ? String.valueOf(e.actorId())
                                        : people.get(e.actorId()).name(),
                                e.action(),
                                e.subjectType() + (e.subjectId() == null ? "" : " " + e.subjectId()),
                                json.writeValueAsString(e.changes())))
                        .toList());
        model.addAttribute("next", rows.size() > PAGE ? page.get(PAGE - 1).seq() : null);
        return "admin/audit";
    }
}
