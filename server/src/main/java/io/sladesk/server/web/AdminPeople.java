package io.sladesk.server.web;

import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.Duty;
import io.sladesk.server.account.Group;
import io.sladesk.server.account.Role;
import io.sladesk.server.account.User;
import io.sladesk.server.account.UserChange;
import io.sladesk.server.platform.Page;
import io.sladesk.server.platform.Problems;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Users (role, duties, deactivation) and agent groups (name, members). These change no
 * due instant, so they are saved at once, without a preview.
 */
@Controller
class AdminPeople {
    private final Accounts accounts;
    private final AdminSupport admin;
    private final Pages pages;

    AdminPeople(Accounts accounts, AdminSupport admin, Pages pages) {
        this.accounts = accounts;
        this.admin = admin;
        this.pages = pages;
    }

    // ---- users

    @GetMapping("/console/admin/users")
    String users(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @RequestParam(required = false) String cursor,
            Model model) {
        AdminSupport.requireAdmin(viewer);
        Page<User> page = accounts.users(100, cursor, null);
        model.addAttribute("users", page.items());
        model.addAttribute("next", page.next());
        return "admin/users";
    }

    @GetMapping("/console/admin/users/{id}")
    String user(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @PathVariable String id,
            @RequestParam(required = false) String saved,
            Model model) {
        AdminSupport.requireAdmin(viewer);
        User u = user(id);
        model.addAttribute("saved", saved != null);
        return userPage(u, model);
    }

    @PostMapping("/console/admin/users/{id}")
    String changeUser(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @PathVariable String id,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String role,
            @RequestParam(required = false) List<String> duties,
            @RequestParam(defaultValue = "false") boolean active,
            Model model,
            HttpServletResponse response) {
        AdminSupport.requireAdmin(viewer);
        User u = user(id);
        List<String> given = duties == null ? List.of() : duties;
        try {
            accounts.updateUser(
                    viewer.actor(), u.id(), new UserChange(name, role, null, null, given, active, null, null, null));
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("name", name);
            values.put("role", role);
            values.put("duties", given);
            values.put("active", active);
            admin.audited(viewer, "changed", "users", u.id(), values);
            return "redirect:/console/admin/users/" + u.id() + "?saved";
        } catch (Problems.InvalidInput | Problems.Conflict | Problems.Forbidden e) {
            response.setStatus(e instanceof Problems.InvalidInput ? 400 : e instanceof Problems.Conflict ? 409 : 403);
            model.addAttribute("error", pages.problem(e, viewer.locale()));
            return userPage(u, model);
        }
    }

    private User user(String id) {
        return io.sladesk.server.platform.Ids.parse(id)
                .flatMap(accounts::user)
                .orElseThrow(() -> new Problems.NotFound("User " + id + " does not exist"));
    }

    private String userPage(User u, Model model) {
        model.addAttribute("user", u);
        model.addAttribute("roles", u.role().isStaff() ? List.of(Role.AGENT, Role.ADMIN) : List.of(Role.CUSTOMER));
        model.addAttribute("duties", Duty.values());
        return "admin/user";
    }

    // ---- groups

    @GetMapping("/console/admin/groups")
    String groups(@RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer, Model model) {
        AdminSupport.requireAdmin(viewer);
        return groupsPage(null, "", List.of(), model);
    }

    @PostMapping("/console/admin/groups")
    String saveGroup(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @RequestParam(defaultValue = "") String id,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(required = false) List<String> members,
            @RequestParam(defaultValue = "save") String action,
            Model model,
            HttpServletResponse response) {
        AdminSupport.requireAdmin(viewer);
        List<String> given = members == null ? List.of() : members;
        try {
            if (action.equals("delete") && !id.isBlank()) {
                Group g =
                        accounts.group(id).orElseThrow(() -> new Problems.NotFound("Group " + id + " does not exist"));
                accounts.deleteGroup(g.id().toString());
                admin.audited(viewer, "deleted", "groups", g.id(), Map.of("name", g.name()));
                return "redirect:/console/admin/groups?saved";
            }
            Group g = id.isBlank() ? accounts.createGroup(name, given) : accounts.updateGroup(id, name, given);
            admin.audited(
                    viewer,
                    id.isBlank() ? "created" : "changed",
                    "groups",
                    g.id(),
                    Map.of("name", name, "members", given));
            return "redirect:/console/admin/groups?saved";
        } catch (Problems.InvalidInput | Problems.Conflict e) {
            response.setStatus(e instanceof Problems.Conflict ? 409 : 400);
            model.addAttribute("error", pages.problem(e, viewer.locale()));
            return groupsPage(id.isBlank() ? null : id, name, given, model);
        }
    }

    private String groupsPage(String editing, String name, List<String> members, Model model) {
        List<Group> groups = accounts.groups();
        model.addAttribute("groups", groups);
        model.addAttribute("staff", accounts.activeStaff());
        Map<UUID, String> names = new LinkedHashMap<>();
        accounts.activeStaff().forEach(u -> names.put(u.id(), u.name()));
        model.addAttribute("names", names);
        model.addAttribute("editing", editing);
        model.addAttribute("newName", name);
        model.addAttribute("newMembers", members);
        return "admin/groups";
    }
}
