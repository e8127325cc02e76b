package io.sladesk.server.api;

import io.sladesk.server.account.Actor;
import io.sladesk.server.identity.Tokens;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stateless bearer-token security for the API. There are no cookies on these paths, so
 * CSRF protection is not needed here (the pages, when they come, keep it on).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(
            HttpSecurity http,
            Tokens tokens,
            io.sladesk.server.platform.Audit audit,
            tools.jackson.databind.json.JsonMapper json)
            throws Exception {
        http.securityMatcher("/api/**", "/actuator/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(r -> r.disable())
                .addFilterBefore(new BearerTokens(tokens), AnonymousAuthenticationFilter.class)
                .addFilterAfter(new AuditTrail(audit, json), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a.requestMatchers(HttpMethod.POST, "/api/v1/auth/token")
                        .permitAll()
                        // the widget's identity token is the credential (WidgetController)
                        .requestMatchers(HttpMethod.POST, "/api/v1/widget/session")
                        .permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                        .permitAll()
                        // the help centre's reading side: with no token, public articles only (kb.KnowledgeBase)
                        .requestMatchers(HttpMethod.GET, "/api/v1/kb/articles", "/api/v1/kb/articles/*")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/kb/categories")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/kb/articles/*/votes", "/api/v1/kb/suggest")
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .hasRole("ADMIN")
                        .anyRequest()
                        .authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint((req, res, ex) -> problem(
                                res,
                                401,
                                "Unauthorized",
                                "Send a valid bearer token: Authorization: Bearer <token> (POST /api/v1/auth/token)"))
                        .accessDeniedHandler(
                                (req, res, ex) -> problem(res, 403, "Forbidden", "Your role may not do this")));
        return http.build();
    }

    private static void problem(HttpServletResponse res, int status, String title, String detail) throws IOException {
        res.setStatus(status);
        if (status == 401) res.setHeader("WWW-Authenticate", "Bearer");
        res.setContentType("application/problem+json");
        res.setCharacterEncoding("UTF-8");
        res.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                        + detail.replace("\"", "\\\"") + "\"}");
    }

    /**
     * Reads {@code Authorization: Bearer <token>} and, when live, acts as its user; the
     * token's channel (the widget's tokens say "widget") goes to {@link #CHANNEL}.
     */
    static final class BearerTokens extends OncePerRequestFilter {
        /** The request attribute naming the channel the request's token arrives by (absent: the API). */
        static final String CHANNEL = "sladesk.channel";

        private final Tokens tokens;

        BearerTokens(Tokens tokens) {
            this.tokens = tokens;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader("Authorization");
            if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                tokens.bearer(header.substring(7).trim()).ifPresent(bearer -> {
                    Actor actor = bearer.actor();
                    if (bearer.channel() != null) request.setAttribute(CHANNEL, bearer.channel());
                    var auth = new UsernamePasswordAuthenticationToken(
                            actor,
                            null,
                            List.of(new SimpleGrantedAuthority(
                                    "ROLE_" + actor.role().name())));
                    SecurityContextHolder.getContext().setAuthentication(auth);
                });
            }
            try {
                chain.doFilter(request, response);
            } finally {
                SecurityContextHolder.clearContext();
            }
        }
    }

    static Actor actor() {
        return (Actor) SecurityContextHolder.getContext().getAuthentication().getPrincipal();
    }
}
