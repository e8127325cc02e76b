package io.sladesk.server.web;

import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.User;
import io.sladesk.server.identity.SignInThrottle;
import io.sladesk.server.platform.Problems.TooManyRequests;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Sign-in with email and password, as {@code POST /api/v1/auth/token} does it (the same
 * password check, the same throttle per account and address), ending in a session instead
 * of a token: customers land on the portal, agents and admins on the console.
 */
@Controller
class SignIn {
    private final Accounts accounts;
    private final SignInThrottle throttle;
    private final SecurityContextRepository contexts;
    private final HttpSessionCsrfTokenRepository csrfTokens;
    private final PageLanguages languages;

    SignIn(
            Accounts accounts,
            SignInThrottle throttle,
            SecurityContextRepository contexts,
            HttpSessionCsrfTokenRepository csrfTokens,
            PageLanguages languages) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.contexts = contexts;
        this.csrfTokens = csrfTokens;
        this.languages = languages;
    }

    @GetMapping("/")
    String home(@RequestAttribute(name = Viewer.ATTRIBUTE, required = false) Viewer viewer) {
        if (viewer == null) return "redirect:/login";
        return viewer.staff() ? "redirect:/console" : "redirect:/portal";
    }

    @GetMapping("/login")
    String form(@RequestAttribute(name = Viewer.ATTRIBUTE, required = false) Viewer viewer, Model model) {
        if (viewer != null) return home(viewer);
        model.addAttribute("email", "");
        return "login";
    }

    @PostMapping("/login")
    String signIn(
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String password,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        model.addAttribute("email", email.length() > 254 ? "" : email);
        if (email.isBlank() || password.isEmpty() || email.length() > 254 || password.length() > 1_024) {
            model.addAttribute("error", "login.missing");
            response.setStatus(400);
            return "login";
        }
        String address = request.getRemoteAddr();
        try {
            throttle.check(email, address);
        } catch (TooManyRequests e) {
            model.addAttribute("error", "login.throttled");
            model.addAttribute("seconds", e.retryAfterSeconds());
            response.setHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
            response.setStatus(429);
            return "login";
        }
        Optional<User> user = accounts.authenticate(email, password);
        if (user.isEmpty()) {
            throttle.failed(email, address);
            model.addAttribute("error", "login.failed");
            response.setStatus(401);
            return "login";
        }
        throttle.succeeded(email, address);
        User u = user.get();
        // a new session id at sign-in (no fixation), a new CSRF token with it; the language chosen so far stays
        Object chosenLanguage = request.getSession(true).getAttribute(PageLanguages.SESSION);
        request.changeSessionId();
        csrfTokens.saveToken(null, request, response);
        if (chosenLanguage != null) request.getSession().setAttribute(PageLanguages.SESSION, chosenLanguage);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken(
                u.id().toString(),
                null,
                List.of(new SimpleGrantedAuthority("ROLE_" + u.role().name()))));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        // back to the help centre's contact form a customer was sent here from (only that: no open redirect)
        String next = request.getParameter("next");
        if (next != null
                && !u.role().isStaff()
                && next.startsWith("/help/")
                && localPath(next).equals(next)) return "redirect:" + next;
        return u.role().isStaff() ? "redirect:/console" : "redirect:/portal";
    }

    /** Switches the page language; signed in, the choice is remembered on the user. */
    @PostMapping("/language")
    String language(
            @RequestParam(name = "lang") String language,
            @RequestParam(name = "back", defaultValue = "/") String back,
            @RequestAttribute(name = Viewer.ATTRIBUTE, required = false) Viewer viewer,
            HttpServletRequest request) {
        if (PageLanguages.known(language)) languages.choose(request, viewer == null ? null : viewer.actor(), language);
        return "redirect:" + localPath(back);
    }

    /** Only a path of this desk: never another site (no open redirect). */
    static String localPath(String back) {
        if (back == null
                || !back.startsWith("/")
                || back.startsWith("//")
                || back.startsWith("/\\")
                || back.chars().anyMatch(c -> c < 0x20)) return "/";
        return back;
    }
}
