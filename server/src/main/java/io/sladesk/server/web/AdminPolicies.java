package io.sladesk.server.web;

import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.Plan;
import io.sladesk.server.calendars.Calendars;
import io.sladesk.server.kernel.Severity;
import io.sladesk.server.platform.Checks;
import io.sladesk.server.platform.Problems;
import io.sladesk.server.platform.Rehearsal;
import io.sladesk.server.policy.Metric;
import io.sladesk.server.policy.NewPolicy;
import io.sladesk.server.policy.Policies;
import io.sladesk.server.policy.Policy;
import io.sladesk.server.sla.Clocks;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Plans and policies: which policy a plan promises (and its TAM add-on), and a policy's
 * targets per severity and metric, warning share, upgrade grace and escalation ladder.
 * Both change open tickets' due instants, so each change is previewed first and saved
 * only as previewed.
 */
@Controller
class AdminPolicies {
    private final Accounts accounts;
    private final Policies policies;
    private final Calendars calendars;
    private final Clocks clocks;
    private final Rehearsal rehearsal;
    private final AdminSupport admin;
    private final Pages pages;

    AdminPolicies(
            Accounts accounts,
            Policies policies,
            Calendars calendars,
            Clocks clocks,
            Rehearsal rehearsal,
            AdminSupport admin,
            Pages pages) {
        this.accounts = accounts;
        this.policies = policies;
        this.calendars = calendars;
        this.clocks = clocks;
        this.rehearsal = rehearsal;
        this.admin = admin;
        this.pages = pages;
    }

    @GetMapping("/console/admin/policies")
    String list(@RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer, Model model) {
        AdminSupport.requireAdmin(viewer);
        model.addAttribute("plans", accounts.plans());
        List<Policy> all = policies.list();
        model.addAttribute("policies", all);
        Map<UUID, String> names = new LinkedHashMap<>();
        all.forEach(p -> names.put(p.id(), p.name()));
        model.addAttribute("policyNames", names);
        return "admin/policies";
    }

    // ---- plans

    /** A plan as its form sends it. */
    record PlanForm(String name, String policyId, Boolean tam) {
        String values() {
            return name + "\n" + policyId + "\n" + Boolean.TRUE.equals(tam);
        }
    }

    @GetMapping("/console/admin/plans/{id}")
    String plan(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @PathVariable String id,
            @RequestParam(required = false) String saved,
            Model model) {
        AdminSupport.requireAdmin(viewer);
        Plan p = plan(id);
        model.addAttribute("form", new PlanForm(p.name(), p.policyId().toString(), p.tam()));
        model.addAttribute("saved", saved != null);
        return planPage(p, model);
    }

    @PostMapping("/console/admin/plans/{id}")
    String changePlan(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @PathVariable String id,
            @org.springframework.web.bind.annotation.ModelAttribute("form") PlanForm form,
            @RequestParam(defaultValue = "preview") String step,
            @RequestParam(required = false) String previewed,
            Model model,
            HttpServletResponse response) {
        AdminSupport.requireAdmin(viewer);
        Plan p = plan(id);
        boolean tam = Boolean.TRUE.equals(form.tam());
        String saved = admin.previewOrSave(
                viewer,
                step,
                previewed,
                form.values(),
                model,
                response,
                () -> {
                    Policy policy = checkedPolicy(form);
                    accounts.updatePlan(p.id().toString(), form.name().strip(), policy.id(), tam);
                    admin.audited(
                            viewer,
                            "changed",
                            "plans",
                            p.id(),
                            Map.of(
                                    "name",
                                    form.name().strip(),
                                    "policyId",
                                    policy.id().toString(),
                                    "tam",
                                    tam));
                    return "redirect:/console/admin/plans/" + p.id() + "?saved";
                },
                () -> {
                    Policy policy = checkedPolicy(form);
                    return clocks.previewPlan(
                            p,
                            rehearsal.rehearse(() -> accounts.updatePlan(
                                    p.id().toString(), form.name().strip(), policy.id(), tam)));
                });
        if (saved != null) return saved;
        return planPage(p, model);
    }

    private Plan plan(String id) {
        return io.sladesk.server.platform.Ids.parse(id)
                .flatMap(accounts::plan)
                .orElseThrow(() -> new Problems.NotFound("Plan " + id + " does not exist"));
    }

    private String planPage(Plan p, Model model) {
        model.addAttribute("plan", p);
        model.addAttribute("policies", policies.list());
        return "admin/plan";
    }

    // ---- policies

    /** A policy's form: each field by its name ("P1.firstResponse.duration", "escalation", …) as typed. */
    record PolicyForm(Map<String, String> fields) {
        public String v(String name) {
            String s = fields.get(name);
            return s == null ? "" : s;
        }

        static PolicyForm of(MultiValueMap<String, String> params) {
            Map<String, String> f = new TreeMap<>();
            params.forEach((k, v) -> {
                if (!k.equals("_csrf") && !k.equals("step") && !k.equals("previewed") && !v.isEmpty())
                    f.put(k, v.get(0));
            });
            return new PolicyForm(f);
        }

        static PolicyForm of(Policy p, Policies policies) {
            Map<String, String> f = new TreeMap<>();
            f.put("name", p.name());
            f.put("warningShare", Double.toString(p.warningShare()));
            f.put("upgradeGrace", p.upgradeGrace().toString());
            policies.targetsJson(p)
                    .forEach((s, perMetric) -> perMetric.forEach((m, t) -> {
                        String key = s + "." + m + ".";
                        if (t.get("duration") != null) f.put(key + "duration", String.valueOf(t.get("duration")));
                        if (t.get("businessDays") != null)
                            f.put(key + "businessDays", String.valueOf(t.get("businessDays")));
                        f.put(key + "calendar", String.valueOf(t.get("calendar")));
                    }));
            List<String> lines = new ArrayList<>();
            for (Map<String, Object> l : policies.escalationJson(p)) {
                String when = l.get("afterBreach") != null
                        ? String.valueOf(l.get("afterBreach"))
                        : l.get("afterBreachShare") != null
                                ? trim(((Number) l.get("afterBreachShare")).doubleValue() * 100) + "%"
                                : "PT0S";
                lines.add(when + ": " + String.join(", ", (List<String>) l.get("actions")));
            }
            f.put("escalation", String.join("\n", lines));
            return new PolicyForm(f);
        }

        private static String trim(double d) {
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        }

        /** The request the policy module validates; what cannot be read as typed is passed on for it to refuse. */
        NewPolicy toNew() {
            Map<String, Map<String, Map<String, Object>>> targets = new LinkedHashMap<>();
            for (Severity s : Severity.values()) {
                Map<String, Map<String, Object>> perMetric = new LinkedHashMap<>();
                for (Metric m : Metric.OF_TICKETS) {
                    String key = s.wire() + "." + m.field() + ".";
                    Map<String, Object> t = new LinkedHashMap<>();
                    String duration = v(key + "duration").strip();
                    String days = v(key + "businessDays").strip();
                    if (!duration.isEmpty()) t.put("duration", duration);
                    if (!days.isEmpty()) t.put("businessDays", number(days, true));
                    if (!v(key + "calendar").isBlank())
                        t.put("calendar", v(key + "calendar").strip());
                    perMetric.put(m.field(), t);
                }
                targets.put(s.wire(), perMetric);
            }
            List<Map<String, Object>> ladder = new ArrayList<>();
            String[] lines = v("escalation").split("\\R");
            int level = 1;
            for (String line : lines) {
                if (line.isBlank()) continue;
                Map<String, Object> l = new LinkedHashMap<>();
                l.put("level", level++);
                int colon = line.indexOf(':');
                String when =
                        colon < 0 ? line.strip() : line.substring(0, colon).strip();
                String actions = colon < 0 ? "" : line.substring(colon + 1);
                if (when.endsWith("%")) {
                    Object n = number(when.substring(0, when.length() - 1).strip(), false);
                    l.put("afterBreachShare", n instanceof Number x ? x.doubleValue() / 100 : n);
                } else if (!when.isEmpty()) l.put("afterBreach", when);
                l.put(
                        "actions",
                        Arrays.stream(actions.split(","))
                                .map(String::strip)
                                .filter(a -> !a.isEmpty())
                                .toList());
                ladder.add(l);
            }
            String share = v("warningShare").strip();
            return new NewPolicy(
                    v("name").isBlank() ? null : v("name").strip(),
                    targets,
                    share.isEmpty() ? null : number(share, false),
                    v("upgradeGrace").isBlank() ? null : v("upgradeGrace").strip(),
                    ladder);
        }

        private static Object number(String s, boolean whole) {
            try {
                return whole ? (Object) Integer.valueOf(s) : (Object) Double.valueOf(s);
            } catch (NumberFormatException e) {
                return s; // the module names the field and says what it takes
            }
        }

        String values() {
            return fields.toString();
        }
    }

    @GetMapping("/console/admin/policies/{id}")
    String policy(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @PathVariable String id,
            @RequestParam(required = false) String saved,
            Model model) {
        AdminSupport.requireAdmin(viewer);
        Policy p = policy(id);
        model.addAttribute("form", PolicyForm.of(p, policies));
        model.addAttribute("saved", saved != null);
        return policyPage(p, model);
    }

    @PostMapping("/console/admin/policies/{id}")
    String changePolicy(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @PathVariable String id,
            @RequestParam MultiValueMap<String, String> params,
            @RequestParam(defaultValue = "preview") String step,
            @RequestParam(required = false) String previewed,
            Model model,
            HttpServletResponse response) {
        AdminSupport.requireAdmin(viewer);
        Policy p = policy(id);
        PolicyForm form = PolicyForm.of(params);
        model.addAttribute("form", form);
        String saved = admin.previewOrSave(
                viewer,
                step,
                previewed,
                form.values(),
                model,
                response,
                () -> {
                    policies.patch(p.id().toString(), form.toNew());
                    admin.audited(viewer, "changed", "policies", p.id(), form.fields());
                    return "redirect:/console/admin/policies/" + p.id() + "?saved";
                },
                () -> clocks.previewPolicy(policies.proposed(p.id().toString(), form.toNew())));
        return saved != null ? saved : policyPage(p, model);
    }

    /** The checks of the API's plan change, in its order: the form's policy, then its name. */
    private Policy checkedPolicy(PlanForm form) {
        Checks checks = Checks.start();
        Policy policy =
                form.policyId() == null ? null : policies.get(form.policyId()).orElse(null);
        if (policy == null) checks.add("policyId", "no policy with id or name '" + form.policyId() + "'");
        checks.text("name", form.name(), 200);
        checks.orThrow();
        return policy;
    }

    private Policy policy(String id) {
        return io.sladesk.server.platform.Ids.parse(id)
                .flatMap(u -> policies.get(u.toString()))
                .orElseThrow(() -> new Problems.NotFound("Policy " + id + " does not exist"));
    }

    private String policyPage(Policy p, Model model) {
        model.addAttribute("policy", p);
        model.addAttribute("severities", Severity.values());
        model.addAttribute(
                "metrics", Metric.OF_TICKETS.stream().map(Metric::field).toList());
        List<String> calendarNames = new ArrayList<>(List.of(Calendars.ALWAYS, Calendars.BUSINESS_DAYS));
        calendars.list().forEach(c -> calendarNames.add(c.name()));
        model.addAttribute("calendarNames", calendarNames);
        return "admin/policy";
    }
}
