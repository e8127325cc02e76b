package io.sladesk.server.web;

import io.sladesk.server.kb.Article;
import io.sladesk.server.kb.ArticleInput;
import io.sladesk.server.kb.KbReport;
import io.sladesk.server.kb.KnowledgeBase;
import io.sladesk.server.kb.Reader;
import io.sladesk.server.platform.Problems;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The help centre's side for agents and admins: its articles, the deflection report with a
 * chart, and writing and editing articles with a Markdown preview.
 */
@Controller
@RequestMapping("/console/kb")
class KbConsole {
    private final KnowledgeBase kb;
    private final Pages pages;

    KbConsole(KnowledgeBase kb, Pages pages) {
        this.kb = kb;
        this.pages = pages;
    }

    /** A report row with the widths of its chart bars (out of 100), computed here so the page needs no style. */
    record Bar(KbReport.Row row, long readersWidth, long deflectedWidth) {}

    @GetMapping
    String index(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            Model model,
            HttpServletResponse response) {
        Reader reader = Reader.of(viewer.actor(), null);
        String query = q == null ? "" : q.strip();
        model.addAttribute("q", query);
        model.addAttribute("articles", kb.search(reader, query.isEmpty() ? null : query, null, null, 50));
        model.addAttribute("from", from == null ? "" : from);
        model.addAttribute("to", to == null ? "" : to);
        KbReport report;
        try {
            report = kb.report(viewer.actor(), from, to);
        } catch (Problems.InvalidInput e) {
            response.setStatus(400);
            model.addAttribute("error", pages.problem(e, viewer.locale()));
            report = kb.report(viewer.actor(), null, null);
        }
        model.addAttribute("report", report);
        long max = Math.max(
                1,
                report.articles().stream()
                        .mapToLong(KbReport.Row::readers)
                        .max()
                        .orElse(1));
        model.addAttribute(
                "bars",
                report.articles().stream()
                        .limit(20)
                        .map(r -> new Bar(r, r.readers() * 100 / max, r.deflected() * 100 / max))
                        .toList());
        return "console/kb";
    }

    @GetMapping("/new")
    String form(@RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer, Model model) {
        fill(model, null, new ArticleInput("", "", viewer.language(), "", List.of(), "public", "published", null));
        return "console/kb-edit";
    }

    @GetMapping("/{id}/edit")
    String edit(@RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer, @PathVariable String id, Model model) {
        Article a = kb.get(Reader.of(viewer.actor(), null), id);
        fill(
                model,
                a,
                new ArticleInput(
                        a.title(),
                        a.body(),
                        a.language(),
                        a.category() == null ? "" : a.category().name("en"),
                        a.tags(),
                        a.visibility(),
                        a.status(),
                        null));
        model.addAttribute("revisions", kb.revisions(viewer.actor(), id));
        return "console/kb-edit";
    }

    private void fill(Model model, Article article, ArticleInput input) {
        model.addAttribute("article", article);
        model.addAttribute("input", input);
        model.addAttribute("tags", String.join(", ", input.tags() == null ? List.of() : input.tags()));
        model.addAttribute("html", kb.preview(input.body()));
        model.addAttribute("categories", kb.categories());
        if (!model.containsAttribute("revisions")) model.addAttribute("revisions", List.of());
    }

    @PostMapping
    String create(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String body,
            @RequestParam(defaultValue = "en") String language,
            @RequestParam(defaultValue = "") String category,
            @RequestParam(defaultValue = "") String tags,
            @RequestParam(defaultValue = "public") String visibility,
            @RequestParam(defaultValue = "published") String status,
            @RequestParam(defaultValue = "") String translationOf,
            Model model,
            HttpServletResponse response) {
        ArticleInput in = new ArticleInput(
                title,
                body,
                language,
                category.isBlank() ? null : category,
                tags(tags),
                visibility,
                status,
                translationOf.isBlank() ? null : translationOf);
        try {
            Article a = kb.create(viewer.actor(), in);
            return "redirect:/console/kb/" + a.id() + "/edit?saved";
        } catch (Problems.InvalidInput e) {
            response.setStatus(400);
            model.addAttribute("error", pages.problem(e, viewer.locale()));
            fill(model, null, in);
            return "console/kb-edit";
        }
    }

    @PostMapping("/{id}")
    String update(
            @RequestAttribute(Viewer.ATTRIBUTE) Viewer viewer,
            @PathVariable String id,
            @RequestParam(defaultValue = "") String title,
            @RequestParam(defaultValue = "") String body,
            @RequestParam(defaultValue = "en") String language,
            @RequestParam(defaultValue = "") String category,
            @RequestParam(defaultValue = "") String tags,
            @RequestParam(defaultValue = "public") String visibility,
            @RequestParam(defaultValue = "published") String status,
            Model model,
            HttpServletResponse response) {
        ArticleInput in = new ArticleInput(title, body, language, category, tags(tags), visibility, status, null);
        try {
            kb.update(viewer.actor(), id, in);
            return "redirect:/console/kb/" + id + "/edit?saved";
        } catch (Problems.InvalidInput e) {
            response.setStatus(400);
            model.addAttribute("error", pages.problem(e, viewer.locale()));
            Article a = kb.get(Reader.of(viewer.actor(), null), id);
            model.addAttribute("revisions", kb.revisions(viewer.actor(), id));
            fill(model, a, in);
            return "console/kb-edit";
        }
    }

    private static List<String> tags(String text) {
        return Arrays.stream(text.split("[,，]"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** The Markdown as the article page will show it, as the agent types. */
    @PostMapping("/preview")
    String preview(@RequestParam(defaultValue = "") String body, Model model) {
        model.addAttribute("html", kb.preview(body.length() > 100_000 ? body.substring(0, 100_000) : body));
        return "help/fragments :: preview";
    }
}
