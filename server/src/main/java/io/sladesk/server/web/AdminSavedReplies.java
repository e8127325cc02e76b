package io.sladesk.server.web;

import io.sladesk.server.platform.Problems;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/** The saved replies of both languages: create, edit, delete. */
@Controller
class AdminSavedReplies {
    private final SavedReplies replies;
    private final AdminSupport admin;
    private final Pages pages;

    AdminSavedReplies(SavedReplies replies, AdminSupport admin, Pages pages) {
        this.replies = replies;
        this.admin = admin;
        this.pages = pages;
    }

    @GetMapping("/console/admin/saved-replies")
    String list(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @RequestParam(required = false) String edit,
            Model model) {
        AdminSupport.requireAdmin(viewer);
        model.addAttribute("editing", edit == null ? null : replies.get(edit).orElse(null));
        return page(model);
    }

    @PostMapping("/console/admin/saved-replies")
    String save(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @RequestParam(defaultValue = "") String id,
            @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String body,
            @RequestParam(defaultValue = "") String language,
            @RequestParam(defaultValue = "save") String action,
            Model model,
            HttpServletResponse response) {
        AdminSupport.requireAdmin(viewer);
        String lang = PageLanguages.known(language) ? language : viewer.language();
        try {
            if (action.equals("delete")) {
                SavedReplies.SavedReply r = replies.get(id)
                        .orElseThrow(() -> new Problems.NotFound("Saved reply " + id + " does not exist"));
                replies.delete(id);
                admin.audited(viewer, "deleted", "saved-replies", r.id(), Map.of("title", r.title()));
            } else if (id.isBlank()) {
                SavedReplies.SavedReply r = replies.add(viewer.user().id(), lang, title, body);
                admin.audited(viewer, "created", "saved-replies", r.id(), Map.of("title", r.title(), "language", lang));
            } else {
                SavedReplies.SavedReply r = replies.update(id, lang, title, body);
                admin.audited(viewer, "changed", "saved-replies", r.id(), Map.of("title", r.title(), "language", lang));
            }
            return "redirect:/console/admin/saved-replies?saved";
        } catch (Problems.InvalidInput e) {
            response.setStatus(400);
            model.addAttribute("error", pages.problem(e, viewer.locale()));
            model.addAttribute(
                    "editing",
                    new SavedReplies.SavedReply(
                            id.isBlank() ? null : java.util.UUID.fromString(id), lang, title, body));
            return page(model);
        }
    }

    private String page(Model model) {
        model.addAttribute("replies", replies.all());
        return "admin/saved-replies";
    }
}
