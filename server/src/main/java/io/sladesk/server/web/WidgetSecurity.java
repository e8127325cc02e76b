package io.sladesk.server.web;

import io.sladesk.server.timeline.Languages;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security of the widget's own paths (the loader, the panel and its files, the demo host
 * page). They are framed by other sites and hold no session: the panel's JavaScript calls
 * the API with a bearer token it keeps in memory, so there is no cookie to forge requests
 * with and no CSRF token to carry. Framing is decided per page (see {@link WidgetPages}):
 * the panel's {@code frame-ancestors} names the organization's widget origins, so this
 * chain leaves out the page chain's {@code X-Frame-Options: DENY} and writes no CSP of its
 * own; each page writes its strict one.
 */
@Configuration(proxyBeanMethods = false)
class WidgetSecurity {
    static final String[] PATHS = {"/widget.js", "/widget/**"};

    @Bean
    @Order(90)
    SecurityFilterChain widgetChain(HttpSecurity http) throws Exception {
        http.securityMatcher(PATHS)
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(r -> r.disable())
                .headers(h -> h.frameOptions(f -> f.disable())
                        .referrerPolicy(r -> r.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter
                                        .ReferrerPolicy.SAME_ORIGIN)))
                .addFilterAfter(new WidgetLanguage(), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a.anyRequest().permitAll());
        return http.build();
    }

    /**
     * The widget's language: the host page's {@code lang} (passed by the loader), else the
     * browser's; any Chinese reads Traditional Chinese, anything else English.
     */
    static final class WidgetLanguage extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            request.setAttribute(PageLocales.ATTRIBUTE, PageLanguages.locale(language(request)));
            chain.doFilter(request, response);
        }

        static String language(HttpServletRequest request) {
            String lang = request.getParameter("lang");
            if (lang != null && !lang.isBlank()) {
                String l = lang.strip().toLowerCase(java.util.Locale.ROOT);
                if (l.startsWith("zh")) return "zh-TW";
                if (l.equals("en") || l.startsWith("en-") || l.startsWith("en_")) return "en";
                // a language the desk does not speak: the browser's, below
            }
            String accept = request.getHeader("Accept-Language");
            return accept == null || accept.isBlank() ? "en" : Languages.pick(accept, null);
        }
    }
}
