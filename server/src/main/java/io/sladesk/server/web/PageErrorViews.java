package io.sladesk.server.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Errors that happen outside the pages' controllers, as pages for a browser: a path no
 * handler serves (the API's handler would answer it with problem JSON, which a browser shows
 * as text), and the errors the servlet container forwards to {@code /error} (whose
 * endpoint, in api, asks this {@link io.sladesk.server.platform.ErrorPages}): a page of the
 * other role refused by {@link PageSecurity} (403) and an over-large form body (413). The
 * API's own paths, and clients that do not ask for HTML, keep their problem JSON.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrorViews implements io.sladesk.server.platform.ErrorPages {
    private final PageModel common;
    private final PageLanguages languages;

    PageErrorViews(PageModel common, PageLanguages languages) {
        this.common = common;
        this.languages = languages;
    }

    /** Chosen when the request accepts HTML; other requests get the API's handler's problem JSON. */
    @ExceptionHandler(
            value = {NoResourceFoundException.class, NoHandlerFoundException.class},
            produces = "text/html")
    ModelAndView missing(HttpServletRequest request, HttpServletResponse response) throws java.io.IOException {
        String path = request.getRequestURI();
        if (api(path) || !asksForHtml(request)) {
            // an API path, or a client that did not ask for HTML (only */*): the error endpoint's problem JSON
            response.sendError(404);
            return null;
        }
        response.setStatus(404);
        return page(request, 404, path);
    }

    @Override
    public ModelAndView page(HttpServletRequest request, int status) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        // /error asked for directly (nothing forwarded), the API's errors, and clients that do
        // not ask for a page stay problem JSON
        if (uri == null || api(uri.toString()) || !asksForHtml(request)) return null;
        String path = uri.toString();
        return page(request, status, path);
    }

    /**
     * An error page the container forwards to (an unknown path, an over-large body) has not
     * passed the pages' security chain, so it gets the chain's headers here.
     */
    private static void secure() {
        if (!(org.springframework.web.context.request.RequestContextHolder.getRequestAttributes()
                instanceof org.springframework.web.context.request.ServletRequestAttributes attrs)) return;
        HttpServletResponse response = attrs.getResponse();
        if (response == null) return;
        if (!response.containsHeader("Content-Security-Policy"))
            response.setHeader("Content-Security-Policy", PageSecurity.CSP);
        if (!response.containsHeader("X-Frame-Options")) response.setHeader("X-Frame-Options", "DENY");
        if (!response.containsHeader("X-Content-Type-Options")) response.setHeader("X-Content-Type-Options", "nosniff");
        if (!response.containsHeader("Referrer-Policy")) response.setHeader("Referrer-Policy", "same-origin");
    }

    private static boolean asksForHtml(HttpServletRequest request) {
        java.util.Enumeration<String> accepts = request.getHeaders("Accept");
        while (accepts != null && accepts.hasMoreElements()) {
            for (org.springframework.http.MediaType t :
                    org.springframework.http.MediaType.parseMediaTypes(accepts.nextElement()))
                if (t.getType().equals("text") && t.getSubtype().equals("html")) return true;
        }
        return false;
    }

    private static boolean api(String path) {
        return path.startsWith("/api/") || path.equals("/api") || path.startsWith("/actuator");
    }

    private ModelAndView page(HttpServletRequest request, int status, String path) {
        secure();
        // a path outside the pages' security chain has no language chosen yet
        if (request.getAttribute(PageLocales.ATTRIBUTE) == null)
            request.setAttribute(PageLocales.ATTRIBUTE, PageLanguages.locale(languages.of(request, null)));
        ModelAndView mv = new ModelAndView("error");
        common.fill(request, mv.getModel());
        mv.setStatus(HttpStatus.valueOf(status));
        mv.addObject("here", path);
        mv.addObject("status", status);
        switch (status) {
            case 404 -> {
                mv.addObject("titleKey", "error.notFound.title");
                mv.addObject("textKey", "error.notFound.text");
            }
            case 403 -> {
                mv.addObject("titleKey", "error.refused.title");
                mv.addObject("textKey", "error.otherSide.text");
            }
            case 413 -> {
                mv.addObject("titleKey", "error.refused.title");
                mv.addObject("textKey", "error.tooLarge.text");
            }
            default -> {
                mv.addObject("titleKey", "error.refused.title");
                mv.addObject("textKey", "error.refused.text");
            }
        }
        return mv;
    }
}
