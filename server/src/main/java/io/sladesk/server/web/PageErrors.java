package io.sladesk.server.web;

import io.sladesk.server.platform.Problems;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Failures of the pages as pages (the API's handler answers problem JSON): a ticket the
 * viewer may not see is a 404 page, exactly like one that does not exist.
 */
@ControllerAdvice(basePackageClasses = PageErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {
    private final PageModel common;

    PageErrors(PageModel common) {
        this.common = common;
    }

    private ModelAndView page(jakarta.servlet.http.HttpServletRequest request) {
        ModelAndView mv = new ModelAndView("error");
        common.fill(request, mv.getModel());
        return mv;
    }

    @ExceptionHandler({Problems.NotFound.class, MethodArgumentTypeMismatchException.class})
    ModelAndView notFound(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(404);
        ModelAndView mv = page(request);
        mv.addObject("status", 404);
        mv.addObject("titleKey", "error.notFound.title");
        mv.addObject("textKey", "error.notFound.text");
        return mv;
    }

    @ExceptionHandler({Problems.Forbidden.class, Problems.Conflict.class, Problems.InvalidInput.class})
    ModelAndView refused(
            RuntimeException e, jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response) {
        int status = e instanceof Problems.Forbidden ? 403 : e instanceof Problems.Conflict ? 409 : 400;
        response.setStatus(status);
        ModelAndView mv = page(request);
        mv.addObject("status", status);
        mv.addObject("titleKey", "error.refused.title");
        mv.addObject("textKey", "error.refused.text");
        mv.addObject("detail", e.getMessage());
        return mv;
    }

    @ExceptionHandler(Problems.TooManyRequests.class)
    ModelAndView tooMany(
            Problems.TooManyRequests e, jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
        ModelAndView mv = page(request);
        mv.addObject("status", 429);
        mv.addObject("titleKey", "error.refused.title");
        mv.addObject("textKey", "error.tooMany.text");
        return mv;
    }
}
