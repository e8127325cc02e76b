package io.sladesk.server.platform;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.ModelAndView;

/**
 * The pages' answer to an error the servlet container forwards to {@code /error} (a page of
 * the other role refused, an over-large form): a browser asking for a page reads a page,
 * while the API's paths and clients that do not ask for HTML keep the problem JSON. The
 * error endpoint (api) asks it; the pages (web) implement it, so neither knows the other.
 */
public interface ErrorPages {
    /** The page for this status, or null when the request is not a browser's on a page's path. */
    ModelAndView page(HttpServletRequest request, int status);
}
