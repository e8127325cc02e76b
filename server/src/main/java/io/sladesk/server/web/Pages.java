package io.sladesk.server.web;

import io.sladesk.server.platform.Problems;
import io.sladesk.server.platform.Problems.FieldProblem;
import io.sladesk.server.queue.TicketQueue;
import io.sladesk.server.ticket.Ticket;
import io.sladesk.server.ticket.Tickets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** What every page controller needs: the ticket a page's number names, the moments, the words of failures. */
@Component
class Pages {
    private final TicketQueue queue;
    private final Tickets tickets;
    private final Clock clock;
    private final MessageSource messages;

    Pages(TicketQueue queue, Tickets tickets, Clock clock, MessageSource messages) {
        this.queue = queue;
        this.tickets = tickets;
        this.clock = clock;
        this.messages = messages;
    }

    /**
     * The ticket with this number, if the viewer may see it; another organization's ticket
     * is not found, exactly like one that does not exist.
     */
    Ticket ticket(Viewer viewer, long number) {
        return queue.idOfNumber(number)
                .map(id -> tickets.get(viewer.actor(), id.toString()))
                .orElseThrow(() -> new Problems.NotFound("Ticket " + number + " does not exist"));
    }

    Moments moments(Viewer viewer) {
        return new Moments(viewer.zone(), viewer.language(), clock.instant());
    }

    Moments moments(Viewer viewer, java.time.ZoneId zone) {
        return new Moments(zone, viewer.language(), clock.instant());
    }

    String say(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    /** A refusal in the viewer's words: each bad field named in their language. */
    String problem(RuntimeException e, Locale locale) {
        if (e instanceof Problems.InvalidInput invalid) {
            List<String> parts = new ArrayList<>();
            for (FieldProblem p : invalid.errors()) {
                String field = say("field." + p.field(), locale);
                if (field.equals("field." + p.field())) field = p.field();
                String what = p.message().equals("is required") ? say("problem.required", locale) : p.message();
                parts.add(field + ": " + what);
            }
            return String.join("; ", parts);
        }
        if (e instanceof Problems.Conflict) return say("problem.conflict", locale, e.getMessage());
        if (e instanceof Problems.Forbidden) return say("problem.forbidden", locale, e.getMessage());
        return e.getMessage();
    }
}
