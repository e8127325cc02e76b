package io.sladesk.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;

/** The locale of a page: what {@link CurrentViewer} decided for the request, else English. */
@Configuration(proxyBeanMethods = false)
class PageLocales {
    static final String ATTRIBUTE = "sladesk.locale";

    @Bean
    LocaleResolver localeResolver() {
        return new LocaleResolver() {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                return request.getAttribute(ATTRIBUTE) instanceof Locale l ? l : Locale.ENGLISH;
            }

            @Override
            public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
                request.setAttribute(ATTRIBUTE, locale);
            }
        };
    }
}
