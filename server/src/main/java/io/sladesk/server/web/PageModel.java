package io.sladesk.server.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.ZoneId;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page template reads: the viewer, their language, the moments formatter and the page's own path. */
@ControllerAdvice(basePackageClasses = PageModel.class)
class PageModel {
    private final Clock clock;
    private final io.sladesk.server.platform.DeploymentZone deployment;

    PageModel(Clock clock, io.sladesk.server.platform.DeploymentZone deployment) {
        this.clock = clock;
        this.deployment = deployment;
    }

    @ModelAttribute
    void common(HttpServletRequest request, Model model) {
        fill(request, model.asMap());
    }

    /** The same for a model no handler method filled (an exception handler's). */
    void fill(HttpServletRequest request, java.util.Map<String, Object> model) {
        Viewer viewer = request.getAttribute(Viewer.ATTRIBUTE) instanceof Viewer v ? v : null;
        String language = viewer != null
                ? viewer.language()
                : "zh-TW"
                                .equals(String.valueOf(request.getAttribute(PageLocales.ATTRIBUTE))
                                        .replace('_', '-'))
                        ? "zh-TW"
                        : "en";
        model.put("viewer", viewer);
        model.put("lang", language);
        ZoneId zone = viewer != null ? viewer.zone() : deployment.zone();
        model.put("fmt", new Moments(zone, language, clock.instant()));
        String query = request.getQueryString();
        model.put("here", request.getRequestURI() + (query == null ? "" : "?" + query));
    }
}
