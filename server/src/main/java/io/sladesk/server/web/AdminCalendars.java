package io.sladesk.server.web;

import io.sladesk.server.calendars.Calendars;
import io.sladesk.server.calendars.NewCalendar;
import io.sladesk.server.calendars.StoredCalendar;
import io.sladesk.server.platform.Problems;
import io.sladesk.server.sla.Clocks;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The calendars' admin pages: the list, a new calendar, and a calendar's weekly hours and
 * holidays (typed, or imported from an .ics file). A change is previewed first, what it
 * would do to open tickets' due instants, and saved only with the values that preview
 * was made of.
 */
@Controller
@RequestMapping("/console/admin/calendars")
class AdminCalendars {
    static final List<DayOfWeek> DAYS = List.of(DayOfWeek.values());

    private final Calendars calendars;
    private final Clocks clocks;
    private final AdminSupport admin;
    private final Pages pages;

    AdminCalendars(Calendars calendars, Clocks clocks, AdminSupport admin, Pages pages) {
        this.calendars = calendars;
        this.clocks = clocks;
        this.admin = admin;
        this.pages = pages;
    }

    /**
     * A calendar as its form sends it: each weekday's hours as "09:00-12:00, 13:00-18:00"
     * (empty: closed), holidays as dates one per line.
     */
    record CalendarForm(
            String name,
            String timeZone,
            String monday,
            String tuesday,
            String wednesday,
            String thursday,
            String friday,
            String saturday,
            String sunday,
            String holidays) {
        static CalendarForm of(StoredCalendar c) {
            List<String> days = DAYS.stream()
                    .map(d -> c.week().getOrDefault(d.name(), List.of()).stream()
                            .map(p -> p.get(0) + "-" + p.get(1))
                            .collect(Collectors.joining(", ")))
                    .toList();
            return new CalendarForm(
                    c.name(),
                    c.zone().getId(),
                    days.get(0),
                    days.get(1),
                    days.get(2),
                    days.get(3),
                    days.get(4),
                    days.get(5),
                    days.get(6),
                    c.holidays().stream().map(LocalDate::toString).collect(Collectors.joining("\n")));
        }

        static CalendarForm blank() {
            return new CalendarForm(
                    "", "", "09:00-18:00", "09:00-18:00", "09:00-18:00", "09:00-18:00", "09:00-18:00", "", "", "");
        }

        List<String> days() {
            return Arrays.asList(monday, tuesday, wednesday, thursday, friday, saturday, sunday);
        }

        public String day(DayOfWeek d) {
            String v = days().get(d.ordinal());
            return v == null ? "" : v;
        }

        List<String> holidayList() {
            if (holidays == null || holidays.isBlank()) return List.of();
            return Arrays.stream(holidays.split("[\\s,;]+"))
                    .filter(s -> !s.isBlank())
                    .toList();
        }

        /** The request the calendars module validates: the form's words are the module's fields. */
        NewCalendar toNew() {
            Map<String, List<List<String>>> week = new LinkedHashMap<>();
            for (DayOfWeek d : DAYS) {
                List<List<String>> intervals = new ArrayList<>();
                for (String part : day(d).split(",")) {
                    if (part.isBlank()) continue;
                    intervals.add(Arrays.stream(part.split("[-–]", -1))
                            .map(String::strip)
                            .toList());
                }
                week.put(d.name(), intervals);
            }
            return new NewCalendar(blankNull(name), blankNull(timeZone), week, holidayList());
        }

        CalendarForm withHolidays(java.util.Collection<LocalDate> more) {
            TreeSet<String> all = new TreeSet<>(holidayList());
            more.forEach(d -> all.add(d.toString()));
            return new CalendarForm(
                    name,
                    timeZone,
                    monday,
                    tuesday,
                    wednesday,
                    thursday,
                    friday,
                    saturday,
                    sunday,
                    String.join("\n", all));
        }

        /** The values as saved, for the preview's fingerprint and the audit entry. */
        String values() {
            NewCalendar n = toNew();
            return n.name() + "\n" + n.timeZone() + "\n" + n.week() + "\n" + new TreeSet<>(n.holidays());
        }

        private static String blankNull(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }

    @GetMapping
    String list(@RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer, Model model) {
        AdminSupport.requireAdmin(viewer);
        model.addAttribute("calendars", calendars.list());
        model.addAttribute("form", CalendarForm.blank());
        model.addAttribute("days", DAYS);
        return "admin/calendars";
    }

    @PostMapping
    String create(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @ModelAttribute("form") CalendarForm form,
            Model model,
            HttpServletResponse response) {
        AdminSupport.requireAdmin(viewer);
        try {
            StoredCalendar c = calendars.create(form.toNew());
            admin.audited(viewer, "created", "calendars", c.id(), Map.of("values", form.values()));
            return "redirect:/console/admin/calendars/" + c.id() + "?saved";
        } catch (Problems.InvalidInput e) {
            response.setStatus(400);
            model.addAttribute("error", pages.problem(e, viewer.locale()));
            model.addAttribute("calendars", calendars.list());
            model.addAttribute("days", DAYS);
            return "admin/calendars";
        }
    }

    @GetMapping("/{id}")
    String edit(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @PathVariable String id,
            @RequestParam(required = false) String saved,
            Model model) {
        AdminSupport.requireAdmin(viewer);
        StoredCalendar c = stored(id);
        model.addAttribute("form", CalendarForm.of(c));
        model.addAttribute("saved", saved != null);
        return page(c, model);
    }

    /** "Preview" shows what the change would do; "Save" saves it if it is what was previewed. */
    @PostMapping("/{id}")
    String change(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @PathVariable String id,
            @ModelAttribute("form") CalendarForm form,
            @RequestParam(defaultValue = "preview") String step,
            @RequestParam(required = false) String previewed,
            Model model,
            HttpServletResponse response) {
        AdminSupport.requireAdmin(viewer);
        StoredCalendar c = stored(id);
        String saved = admin.previewOrSave(
                viewer,
                step,
                previewed,
                form.values(),
                model,
                response,
                () -> {
                    calendars.update(c.id().toString(), form.toNew());
                    admin.audited(viewer, "changed", "calendars", c.id(), Map.of("values", form.values()));
                    return "redirect:/console/admin/calendars/" + c.id() + "?saved";
                },
                () -> clocks.previewCalendar(calendars.proposed(c.id().toString(), form.toNew())));
        return saved != null ? saved : page(c, model);
    }

    /** The all-day events of an .ics file join the form's holidays; the change is previewed, not saved. */
    @PostMapping("/{id}/import")
    String importIcs(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @PathVariable String id,
            @RequestParam(name = "ics", required = false) MultipartFile file,
            Model model,
            HttpServletResponse response)
            throws java.io.IOException {
        AdminSupport.requireAdmin(viewer);
        StoredCalendar c = stored(id);
        CalendarForm form = CalendarForm.of(c);
        model.addAttribute("form", form);
        try {
            if (file == null || file.isEmpty())
                throw new Problems.InvalidInput("ics", pages.say("admin.calendar.icsMissing", viewer.locale()));
            String ics = new String(file.getBytes(), StandardCharsets.UTF_8);
            CalendarForm merged = form.withHolidays(calendars.holidaysIn(ics));
            model.addAttribute("form", merged);
            model.addAttribute("imported", true);
            admin.preview(
                    model,
                    clocks.previewCalendar(calendars.proposed(c.id().toString(), merged.toNew())),
                    viewer,
                    merged.values());
        } catch (Problems.InvalidInput e) {
            response.setStatus(400);
            model.addAttribute("error", pages.problem(e, viewer.locale()));
        }
        return page(c, model);
    }

    private StoredCalendar stored(String id) {
        return io.sladesk.server.platform.Ids.parse(id)
                .flatMap(calendars::get)
                .orElseThrow(() -> new Problems.NotFound("Calendar " + id + " does not exist"));
    }

    private String page(StoredCalendar c, Model model) {
        model.addAttribute("calendar", c);
        model.addAttribute("days", DAYS);
        model.addAttribute(
                "dayKeys",
                DAYS.stream().map(d -> d.name().toLowerCase(Locale.ROOT)).toList());
        return "admin/calendar";
    }
}
