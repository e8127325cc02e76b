package io.sladesk.server.web;

import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.NewOrganization;
import io.sladesk.server.account.Organization;
import io.sladesk.server.account.OrganizationChange;
import io.sladesk.server.calendars.Calendars;
import io.sladesk.server.platform.Page;
import io.sladesk.server.platform.Problems;
import io.sladesk.server.platform.Rehearsal;
import io.sladesk.server.sla.Clocks;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The organizations' admin pages: the list, a new organization, and an organization's
 * plan, time zone, own calendar, TAM and backup. A new plan, zone or calendar retargets
 * its open tickets, so a change is previewed first and saved only as previewed. The
 * in-app widget's settings (external id, origins, secret) are a form of their own.
 */
@Controller
@RequestMapping("/console/admin/organizations")
class AdminOrganizations {
    private final Accounts accounts;
    private final Calendars calendars;
    private final Clocks clocks;
    private final Rehearsal rehearsal;
    private final AdminSupport admin;
    private final Pages pages;
    private final io.sladesk.server.account.WidgetSettings widgetSettings;

    AdminOrganizations(
            Accounts accounts,
            Calendars calendars,
            Clocks clocks,
            Rehearsal rehearsal,
            AdminSupport admin,
            Pages pages,
            io.sladesk.server.account.WidgetSettings widgetSettings) {
        this.accounts = accounts;
        this.calendars = calendars;
        this.clocks = clocks;
        this.rehearsal = rehearsal;
        this.admin = admin;
        this.pages = pages;
        this.widgetSettings = widgetSettings;
    }

    /** An organization as its form sends it: ids of the plan, calendar, TAM and backup ("" for none). */
    record OrganizationForm(
            String name,
            String plan,
            String timeZone,
            String calendarId,
            String tamUserId,
            String backupTamUserId,
            Boolean assignToTam,
            Boolean shareHealth) {
        static OrganizationForm of(Organization o) {
            return new OrganizationForm(
                    o.name(),
                    o.planId().toString(),
                    o.timeZone() == null ? "" : o.timeZone(),
                    str(o.calendarId()),
                    str(o.tamUserId()),
                    str(o.backupTamUserId()),
                    o.assignToTam(),
                    o.shareHealth());
        }

        private static String str(UUID id) {
            return id == null ? "" : id.toString();
        }

        /** Every field sent: an empty calendar, TAM or backup clears it, as JSON null does in the API. */
        OrganizationChange change() {
            return new OrganizationChange(
                    text(name),
                    text(plan),
                    text(timeZone),
                    Optional.ofNullable(text(calendarId)),
                    Optional.ofNullable(text(tamUserId)),
                    Optional.ofNullable(text(backupTamUserId)),
                    Boolean.TRUE.equals(assignToTam),
                    Boolean.TRUE.equals(shareHealth));
        }

        String values() {
            return String.join(
                    "\n",
                    String.valueOf(text(name)),
                    String.valueOf(text(plan)),
                    String.valueOf(text(timeZone)),
                    String.valueOf(text(calendarId)),
                    String.valueOf(text(tamUserId)),
                    String.valueOf(text(backupTamUserId)),
                    String.valueOf(Boolean.TRUE.equals(assignToTam)),
                    String.valueOf(Boolean.TRUE.equals(shareHealth)));
        }

        Map<String, Object> audit() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", text(name));
            m.put("plan", text(plan));
            m.put("timeZone", text(timeZone));
            m.put("calendarId", text(calendarId));
            m.put("tamUserId", text(tamUserId));
            m.put("backupTamUserId", text(backupTamUserId));
            m.put("assignToTam", Boolean.TRUE.equals(assignToTam));
            m.put("shareHealth", Boolean.TRUE.equals(shareHealth));
            return m;
        }

        private static String text(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }

    @GetMapping
    String list(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @RequestParam(required = false) String cursor,
            Model model) {
        AdminSupport.requireAdmin(viewer);
        fillList(model, cursor);
        model.addAttribute("form", new OrganizationForm("", "", "", "", "", "", false, false));
        return "admin/organizations";
    }

    private void fillList(Model model, String cursor) {
        Page<Organization> page = accounts.organizations(100, cursor);
        model.addAttribute("organizations", page.items());
        model.addAttribute("next", page.next());
        model.addAttribute("plans", accounts.plans());
    }

    @PostMapping
    String create(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @ModelAttribute("form") OrganizationForm form,
            Model model,
            HttpServletResponse response) {
        AdminSupport.requireAdmin(viewer);
        try {
            OrganizationChange c = form.change();
            Organization o = accounts.createOrganization(
                    new NewOrganization(c.name(), c.plan(), c.timeZone(), null, null, null, false, false));
            admin.audited(viewer, "created", "organizations", o.id(), form.audit());
            return "redirect:/console/admin/organizations/" + o.id() + "?saved";
        } catch (Problems.InvalidInput e) {
            response.setStatus(400);
            model.addAttribute("error", pages.problem(e, viewer.locale()));
            fillList(model, null);
            return "admin/organizations";
        }
    }

    @GetMapping("/{id}")
    String edit(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @PathVariable String id,
            @RequestParam(required = false) String saved,
            Model model) {
        AdminSupport.requireAdmin(viewer);
        Organization o = organization(id);
        model.addAttribute("form", OrganizationForm.of(o));
        model.addAttribute("saved", saved != null);
        return page(o, model);
    }

    @PostMapping("/{id}")
    String change(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @PathVariable String id,
            @ModelAttribute("form") OrganizationForm form,
            @RequestParam(defaultValue = "preview") String step,
            @RequestParam(required = false) String previewed,
            Model model,
            HttpServletResponse response) {
        AdminSupport.requireAdmin(viewer);
        Organization o = organization(id);
        String saved = admin.previewOrSave(
                viewer,
                step,
                previewed,
                form.values(),
                model,
                response,
                () -> {
                    accounts.updateOrganization(o.id().toString(), form.change());
                    admin.audited(viewer, "changed", "organizations", o.id(), form.audit());
                    return "redirect:/console/admin/organizations/" + o.id() + "?saved";
                },
                () -> clocks.previewOrganization(
                        rehearsal.rehearse(() -> accounts.updateOrganization(o.id().toString(), form.change()))));
        return saved != null ? saved : page(o, model);
    }

    /**
     * The in-app widget's settings: the external id the host product knows the account by
     * and the origins allowed to embed the widget (one per line). They move no due instant,
     * so they save at once, without a preview.
     */
    @PostMapping("/{id}/widget")
    String widget(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @PathVariable String id,
            @RequestParam(defaultValue = "") String externalId,
            @RequestParam(defaultValue = "") String widgetOrigins,
            Model model,
            HttpServletResponse response) {
        AdminSupport.requireAdmin(viewer);
        Organization o = organization(id);
        java.util.List<String> origins = widgetOrigins
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .toList();
        String external = externalId.strip();
        try {
            accounts.updateOrganization(
                    o.id().toString(),
                    new OrganizationChange(
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            Optional.ofNullable(external.isEmpty() ? null : external),
                            origins));
            Map<String, Object> audit = new LinkedHashMap<>();
            audit.put("externalId", external.isEmpty() ? null : external);
            audit.put("widgetOrigins", origins);
            admin.audited(viewer, "changed", "organizations", o.id(), audit);
            return "redirect:/console/admin/organizations/" + o.id() + "?saved";
        } catch (Problems.InvalidInput | Problems.Conflict e) {
            response.setStatus(e instanceof Problems.Conflict ? 409 : 400);
            model.addAttribute("widgetError", pages.problem(e, viewer.locale()));
            model.addAttribute("form", OrganizationForm.of(o));
            model.addAttribute("widgetExternalId", external);
            model.addAttribute("widgetOriginsText", widgetOrigins);
            return page(o, model);
        }
    }

    /** A new widget secret, shown once on the page that answers (the previous one works 24 hours more). */
    @PostMapping("/{id}/widget-secret")
    String widgetSecret(@RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer, @PathVariable String id, Model model) {
        AdminSupport.requireAdmin(viewer);
        Organization o = organization(id);
        String secret = widgetSettings.newSecret(o.id());
        admin.audited(viewer, "rotated widget secret", "organizations", o.id(), Map.of());
        model.addAttribute("form", OrganizationForm.of(o));
        model.addAttribute("newSecret", secret);
        return page(o, model);
    }

    private Organization organization(String id) {
        return io.sladesk.server.platform.Ids.parse(id)
                .flatMap(accounts::organization)
                .orElseThrow(() -> new Problems.NotFound("Organization " + id + " does not exist"));
    }

    private String page(Organization o, Model model) {
        model.addAttribute("organization", o);
        model.addAttribute("plans", accounts.plans());
        model.addAttribute("calendars", calendars.list());
        model.addAttribute("staff", accounts.activeStaff());
        if (!model.containsAttribute("widgetExternalId"))
            model.addAttribute("widgetExternalId", o.externalId() == null ? "" : o.externalId());
        if (!model.containsAttribute("widgetOriginsText"))
            model.addAttribute("widgetOriginsText", String.join("\n", o.widgetOrigins()));
        model.addAttribute("hasWidgetSecret", widgetSettings.hasSecret(o.id()));
        return "admin/organization";
    }
}
