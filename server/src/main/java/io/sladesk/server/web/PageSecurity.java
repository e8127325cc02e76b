package io.sladesk.server.web;

import io.sladesk.server.account.Accounts;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * Security of the pages: a session (in PostgreSQL, through Spring Session) instead of
 * bearer tokens, CSRF tokens on every form and htmx request, and a strict
 * Content-Security-Policy: scripts and styles only from the desk itself, nothing inline.
 * The API's chain ({@code api.SecurityConfiguration}) matches only its own paths; this one
 * matches the pages' and comes after it.
 */
@Configuration(proxyBeanMethods = false)
class PageSecurity {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    static final String[] PAGES = {
        "/",
        "/login",
        "/logout",
        "/language",
        "/portal",
        "/portal/**",
        "/console",
        "/console/**",
        "/events/**",
        "/help",
        "/help/**",
        "/css/**",
        "/js/**",
        "/webjars/**",
        "/favicon.ico"
    };

    /**
     * A refused CSRF token is a 403 page; so is a page of the other role (a customer at the
     * console, an agent at the portal), which names where the user's own pages are.
     */
    private static void denied(
            jakarta.servlet.http.HttpServletRequest req,
            jakarta.servlet.http.HttpServletResponse res,
            org.springframework.security.access.AccessDeniedException e)
            throws java.io.IOException {
        if (e instanceof org.springframework.security.web.csrf.CsrfException) {
            res.setStatus(403);
            res.setContentType("text/html;charset=UTF-8");
            res.getWriter()
                    .write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Refused</title>"
                            + "<link rel=\"stylesheet\" href=\"/css/desk.css\"></head><body><main class=\"narrow\">"
                            + "<h1>Refused (403)</h1><p>This form was sent without a valid security token, or from"
                            + " a page that has expired. Go back, reload the page and try again.</p>"
                            + "<p>此表單沒有有效的安全權杖，或頁面已過期。請返回、重新載入後再試一次。</p>"
                            + "<p><a href=\"/\">Sladesk</a></p></main></body></html>");
            return;
        }
        // a page of the other role: a 403 page in the viewer's language (PageErrorViews), not a
        // silent redirect that hides why the link did not open
        res.sendError(403);
    }

    @Bean
    SecurityContextRepository pageSecurityContexts() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    HttpSessionCsrfTokenRepository pageCsrfTokens() {
        return new HttpSessionCsrfTokenRepository();
    }

    @Bean
    @Order(100)
    SecurityFilterChain pageChain(
            HttpSecurity http,
            SecurityContextRepository contexts,
            HttpSessionCsrfTokenRepository csrfTokens,
            Accounts accounts,
            PageLanguages languages,
            io.sladesk.server.timeline.Timelines timelines)
            throws Exception {
        http.securityMatcher(PAGES)
                .securityContext(c -> c.securityContextRepository(contexts))
                .csrf(c -> c.csrfTokenRepository(csrfTokens))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable()) // SignIn posts /login itself, through the sign-in throttle
                .logout(l -> l.logoutUrl("/logout")
                        .logoutSuccessUrl("/login?signedOut")
                        .deleteCookies("SESSION"))
                .requestCache(r -> r.disable())
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter
                                        .ReferrerPolicy.SAME_ORIGIN)))
                .addFilterAfter(new CurrentViewer(accounts, languages, timelines), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers("/css/**", "/js/**", "/webjars/**", "/favicon.ico")
                        .permitAll()
                        .requestMatchers("/login", "/language")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/logout")
                        .permitAll()
                        // the help centre is public; sending its contact form is a customer's ticket
                        .requestMatchers(HttpMethod.POST, "/help/articles/*/contact")
                        .hasRole("CUSTOMER")
                        .requestMatchers("/help", "/help/**")
                        .permitAll()
                        .requestMatchers("/portal", "/portal/**")
                        .hasRole("CUSTOMER")
                        .requestMatchers("/console", "/console/**")
                        .hasAnyRole("AGENT", "ADMIN")
                        .anyRequest()
                        .authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login"))
                        .accessDeniedHandler(PageSecurity::denied));
        return http.build();
    }
}
