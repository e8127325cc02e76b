package io.sladesk.server.web;

import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.User;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the signed-in user afresh on every page request: the session holds only their id,
 * so a deactivated user is signed out at once and a changed role counts at once. Sets the
 * request's {@link Viewer} (language and zone) for controllers and templates.
 */
final class CurrentViewer extends OncePerRequestFilter {
    private final Accounts accounts;
    private final PageLanguages languages;
    private final io.sladesk.server.timeline.Timelines timelines;

    CurrentViewer(Accounts accounts, PageLanguages languages, io.sladesk.server.timeline.Timelines timelines) {
        this.accounts = accounts;
        this.languages = languages;
        this.timelines = timelines;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/webjars/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        User user = null;
        if (auth instanceof UsernamePasswordAuthenticationToken && auth.getPrincipal() instanceof String id) {
            Optional<User> found = parse(id).flatMap(accounts::user).filter(u -> accounts.isActive(u.id()));
            if (found.isEmpty()) {
                HttpSession session = request.getSession(false);
                if (session != null) session.invalidate();
                SecurityContextHolder.clearContext();
            } else {
                user = found.get();
                var fresh = new UsernamePasswordAuthenticationToken(
                        id,
                        null,
                        List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name())));
                SecurityContextHolder.getContext().setAuthentication(fresh);
            }
        }
        String language = languages.of(request, user);
        request.setAttribute(PageLocales.ATTRIBUTE, PageLanguages.locale(language));
        if (user != null)
            request.setAttribute(
                    Viewer.ATTRIBUTE,
                    new Viewer(
                            user,
                            language,
                            // the timeline's rule: the user's zone, else their organization's, else the deployment's
                            timelines.reader(user.asActor(), language, null).zone()));
        chain.doFilter(request, response);
    }

    private static Optional<UUID> parse(String id) {
        return io.sladesk.server.platform.Ids.parse(id);
    }
}
