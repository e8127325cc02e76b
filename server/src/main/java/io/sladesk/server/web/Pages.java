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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
                String what = p.message().equals("is required")
                        ? say("problem.required", locale)
                        : words(p.message(), locale);
                parts.add(say("problem.part", locale, field, what));
            }
            return String.join(say("problem.separator", locale), parts);
        }
        if (e instanceof Problems.Conflict) return say("problem.conflict", locale, words(e.getMessage(), locale));
        if (e instanceof Problems.Forbidden) return say("problem.forbidden", locale, words(e.getMessage(), locale));
        return words(e.getMessage(), locale);
    }

    /**
     * The modules' refusal texts the pages show most, in the viewer's words: each pattern of
     * a module's (English) text names a message key taking the text's variable parts. A text
     * no pattern knows is shown as the module wrote it.
     */
    private static final List<Map.Entry<Pattern, String>> REFUSALS = List.of(
            Map.entry(Pattern.compile("is (\\d+) characters long; the limit is (\\d+)"), "problem.tooLong"),
            Map.entry(Pattern.compile("'(.*)' is not one of \\[(.*)\\]"), "problem.notOneOf"),
            Map.entry(Pattern.compile("is required; one of \\[(.*)\\]"), "problem.requiredOneOf"),
            Map.entry(Pattern.compile("'(.*)' is not a valid id"), "problem.badId"),
            Map.entry(Pattern.compile("'(.*)' is not a valid email address"), "problem.badEmail"),
            Map.entry(Pattern.compile("A ticket cannot move from (\\w+) to (\\w+)"), "problem.cannotMove"),
            Map.entry(
                    Pattern.compile("A customer may mark a ticket solved or reopen it, not move it to (\\w+)"),
                    "problem.customerMove"),
            Map.entry(Pattern.compile("This ticket has an open re-evaluation request already"), "problem.openReeval"),
            Map.entry(Pattern.compile("This request was (\\w+) already"), "problem.decidedAlready"));

    private String words(String message, Locale locale) {
        if (message == null) return "";
        // the English keys say what the modules say: only other languages need the table
        if (locale.getLanguage().equals("en")) return message;
        for (Map.Entry<Pattern, String> r : REFUSALS) {
            Matcher m = r.getKey().matcher(message);
            if (!m.matches()) continue;
            Object[] args = new Object[m.groupCount()];
            for (int i = 0; i < args.length; i++) {
                String part = m.group(i + 1);
                // a status named in the text reads as the status does on the page
                String status = messages.getMessage("status." + part, null, null, locale);
                String decision = messages.getMessage("reeval.status." + part, null, null, locale);
                args[i] = status != null ? status : decision != null ? decision : part;
            }
            String said = messages.getMessage(r.getValue(), args, null, locale);
            return said == null ? message : said;
        }
        return message;
    }
}
