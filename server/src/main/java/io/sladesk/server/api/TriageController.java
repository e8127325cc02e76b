package io.sladesk.server.api;

import io.sladesk.server.account.Actor;
import io.sladesk.server.platform.Checks;
import io.sladesk.server.triage.Triage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The severity a ticket's words suggest, for forms and the widget to show as the customer types. */
@RestController
@RequestMapping("/api/v1/triage")
@Tag(name = "Triage")
class TriageController {
    private final Triage triage;

    TriageController(Triage triage) {
        this.triage = triage;
    }

    record SuggestRequest(String subject, String description) {}

    @PostMapping("/suggest")
    @Operation(summary = "Suggest a severity from a subject and description, with the phrases that suggest it")
    Views.TriageView suggest(@AuthenticationPrincipal Actor actor, @RequestBody(required = false) SuggestRequest body) {
        if (body == null) body = new SuggestRequest(null, null);
        // the limits a ticket has: a text the desk would refuse as a ticket is refused here too
        Checks checks = Checks.start();
        checks.optionalText("subject", body.subject(), 250);
        if (body.description() != null && !body.description().isBlank())
            checks.multiLineText("description", body.description(), 100_000);
        checks.orThrow();
        // an empty form (the customer has not typed yet) is no error: nothing matches, so P4
        return Views.TriageView.of(triage.suggest(body.subject(), body.description()));
    }
}
