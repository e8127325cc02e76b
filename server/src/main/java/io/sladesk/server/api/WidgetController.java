package io.sladesk.server.api;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.sladesk.server.identity.WidgetRefused;
import io.sladesk.server.identity.WidgetSessions;
import io.sladesk.server.timeline.Timelines;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The in-app widget's door: a host product's signed identity token in, a short-lived bearer
 * token of that customer out. Open to anyone (the token is the credential); every refusal
 * is a problem whose {@code reason} says which check failed.
 */
@RestController
@RequestMapping("/api/v1/widget")
@Tag(name = "Widget")
class WidgetController {
    private final WidgetSessions sessions;
    private final Timelines timelines;

    WidgetController(WidgetSessions sessions, Timelines timelines) {
        this.sessions = sessions;
        this.timelines = timelines;
    }

    record SessionRequest(
            String token,
            @JsonAnySetter @Schema(hidden = true) Map<String, Object> unknown) implements StrictBody {}

    /** The session; {@code timeZone} is the zone the widget shows instants in (the user's, their organization's, the desk's). */
    record SessionView(String token, String expiresAt, Views.UserView user, String timeZone) {}

    @PostMapping("/session")
    @Operation(
            summary = "Exchange a host's identity token (JWT HS256: email, name, org, iat, exp <= 10 min, jti)"
                    + " for a short-lived bearer token of that customer")
    SessionView session(@RequestBody(required = false) SessionRequest body) {
        WidgetSessions.Session s = sessions.open(body == null ? null : body.token());
        return new SessionView(
                s.token(),
                Views.instant(s.expiresAt()),
                Views.UserView.of(s.user()),
                timelines
                        .reader(s.user().asActor(), s.user().language(), null)
                        .zone()
                        .getId());
    }

    @ExceptionHandler(WidgetRefused.class)
    ResponseEntity<ProblemDetail> refused(WidgetRefused e) {
        HttpStatus status = HttpStatus.valueOf(e.status());
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        p.setTitle(status == HttpStatus.UNAUTHORIZED ? "Widget identity refused" : "Widget identity conflict");
        p.setInstance(URI.create("/api/v1/widget/session"));
        p.setProperty("reason", e.reason().wire());
        if (e.claim() != null) p.setProperty("claim", e.claim());
        var r = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.UNAUTHORIZED) r.header("WWW-Authenticate", "Bearer");
        return r.body(p);
    }
}
