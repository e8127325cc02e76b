package io.sladesk.server.api;

import io.sladesk.server.account.Actor;
import io.sladesk.server.platform.Audit;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records every successful change of configuration and accounts (organizations, users,
 * groups, plans, policies, calendars, webhooks) in the audit log: who, when, which
 * request, on what, with the fields sent (secrets and passwords left out). Ticket work is
 * recorded in each ticket's own history instead. Registered in the security chain, after
 * the bearer token has named the actor.
 */
class AuditTrail extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    private static final Pattern AUDITED = Pattern.compile(
            "^/api/v1/(organizations|users|groups|plans|policies|calendars|webhooks)(?:/([^/]+))?(/.*)?$");
    private static final Set<String> SECRET = Set.of("password", "oldPassword", "secret");

    private final Audit audit;
    private final JsonMapper json;

    AuditTrail(Audit audit, JsonMapper json) {
        this.audit = audit;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // a change preview changes nothing, so there is nothing to audit
        return request.getMethod().equals("GET")
                || request.getRequestURI().endsWith("/preview")
                || !AUDITED.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingRequestWrapper cached = new ContentCachingRequestWrapper(request, 1 << 20);
        chain.doFilter(cached, response);
        if (response.getStatus() >= 300) return;
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof Actor actor)) return;
        Matcher m = AUDITED.matcher(request.getRequestURI());
        if (!m.matches()) return;
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("request", request.getMethod() + " " + request.getRequestURI());
        Object body = body(cached);
        if (body != null) changes.put("body", body);
        String type = m.group(1);
        try {
            audit.record(actor.userId(), action(request.getMethod(), m.group(3)), type, m.group(2), changes);
        } catch (RuntimeException e) {
            // the change itself is committed; a lost audit entry must at least be seen
            log.error("Could not record the audit entry of {} {}", request.getMethod(), request.getRequestURI(), e);
        }
    }

    private static String action(String method, String rest) {
        String verb = switch (method) {
            case "POST" -> rest == null ? "created" : "changed";
            case "DELETE" -> "deleted";
            default -> "changed";
        };
        return rest == null ? verb : verb + " " + rest.substring(1);
    }

    /** The JSON sent, with secrets replaced; text bodies (an iCalendar file) by their size. */
    private Object body(ContentCachingRequestWrapper cached) {
        byte[] bytes = cached.getContentAsByteArray();
        if (bytes.length == 0) return null;
        String contentType = cached.getContentType() == null ? "" : cached.getContentType();
        if (!contentType.contains("json")) return Map.of("bytes", bytes.length);
        try {
            JsonNode node = json.readTree(new String(bytes, StandardCharsets.UTF_8));
            return redact(json.convertValue(node, Object.class));
        } catch (RuntimeException e) {
            return Map.of("bytes", bytes.length);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object redact(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put((String) k, SECRET.contains(k) ? "(hidden)" : redact(v)));
            return out;
        }
        if (value instanceof List<?> list)
            return list.stream().map(AuditTrail::redact).toList();
        return value;
    }
}
