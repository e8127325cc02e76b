package io.sladesk.server.reports;

import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.Actor;
import io.sladesk.server.account.Organization;
import io.sladesk.server.platform.Problems.Forbidden;
import io.sladesk.server.platform.Problems.NotFound;
import io.sladesk.server.sla.ClockHealth;
import io.sladesk.server.sla.Clocks;
import io.sladesk.server.ticket.Reevaluations;
import io.sladesk.server.ticket.Tickets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Account health for agents and TAMs, and for an organization's own customers when an
 * admin consented ({@code shareHealth}). Another organization's health is "not found".
 */
@Service
public class AccountHealth {
    static final Duration WINDOW = Duration.ofDays(30);

    private final Accounts accounts;
    private final Tickets tickets;
    private final Reevaluations reevaluations;
    private final Clocks clocks;
    private final Clock clock;

    AccountHealth(Accounts accounts, Tickets tickets, Reevaluations reevaluations, Clocks clocks, Clock clock) {
        this.accounts = accounts;
        this.tickets = tickets;
        this.reevaluations = reevaluations;
        this.clocks = clocks;
        this.clock = clock;
    }

    public Health of(Actor actor, String organization) {
        Organization o = accounts.organization(organization)
                .filter(x -> actor.canSee(x.id()))
                .orElseThrow(() -> new NotFound("Organization " + organization + " does not exist"));
        if (!actor.isStaff() && !o.shareHealth())
            throw new Forbidden("Your organization's health is shown to its customers only when an admin shares it");
        return of(o);
    }

    /** The accounts a TAM (or backup) looks after, each with its health, worst first. */
    public List<Health> accountsOf(Actor actor) {
        if (!actor.isStaff()) throw new Forbidden("Only agents look after accounts");
        return accounts.organizationsOfTam(actor.userId()).stream()
                .map(this::of)
                .sorted(Health.WORST_FIRST)
                .toList();
    }

    private Health of(Organization o) {
        Instant now = clock.instant();
        Tickets.OpenTickets open = tickets.open(o.id());
        ClockHealth c = clocks.health(o.id(), now.minus(WINDOW), now);
        return new Health(
                o,
                open.bySeverity(),
                c.atRisk(),
                c.breached(),
                c.attainment(),
                reevaluations.openCount(o.id()),
                open.oldestOpenAt(),
                c.medianFirstResponse(),
                c.medianResolution(),
                now);
    }
}
