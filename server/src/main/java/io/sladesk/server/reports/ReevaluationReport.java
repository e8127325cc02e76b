package io.sladesk.server.reports;

import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.Actor;
import io.sladesk.server.account.Organization;
import io.sladesk.server.platform.Checks;
import io.sladesk.server.platform.Cursor;
import io.sladesk.server.platform.Page;
import io.sladesk.server.platform.Problems.NotFound;
import io.sladesk.server.ticket.Reevaluations;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Severity re-evaluation requests made in a period: each with its outcome, the severity
 * asked for and the one the ticket ended with, and how long the answer took; with totals
 * over the whole period. Customers see their own organization's only.
 */
@Service
public class ReevaluationReport {
    private final Accounts accounts;
    private final Reevaluations reevaluations;
    private final Clock clock;
    private final ZoneId deploymentZone;

    ReevaluationReport(
            Accounts accounts,
            Reevaluations reevaluations,
            Clock clock,
            io.sladesk.server.platform.DeploymentZone zone) {
        this.accounts = accounts;
        this.reevaluations = reevaluations;
        this.clock = clock;
        this.deploymentZone = zone.zone();
    }

    public record Report(
            Organization organization,
            Instant from,
            Instant to,
            Page<Reevaluations.Made> page,
            Reevaluations.Totals totals) {}

    /**
     * {@code from} and {@code to} are instants or dates (a date is its first moment in the
     * organization's zone, else the deployment's; {@code to} as a date includes that day).
     * Left out, the period is the last 30 days up to now.
     */
    public Report report(Actor actor, String organization, String from, String to, Integer limit, String cursor) {
        Organization org = null;
        if (organization != null) {
            org = accounts.organization(organization)
                    .filter(o -> actor.canSee(o.id()))
                    .orElseThrow(() -> new NotFound("Organization " + organization + " does not exist"));
        } else if (!actor.isStaff()) {
            org = accounts.organization(actor.organizationId()).orElseThrow();
        }
        ZoneId zone = org != null && org.timeZone() != null ? ZoneId.of(org.timeZone()) : deploymentZone;
        Checks checks = Checks.start();
        Instant now = clock.instant();
        Instant start = bound(checks, "from", from, zone, false);
        Instant end = bound(checks, "to", to, zone, true);
        if (end == null && checks.ok("to")) end = now;
        if (start == null && checks.ok("from") && end != null) start = end.minus(AccountHealth.WINDOW);
        if (start != null && end != null && !start.isBefore(end))
            checks.add(
                    to == null ? "from" : "to",
                    to == null ? "lies in the future (to defaults to now)" : "must be after from");
        int n = Cursor.limit(limit);
        Instant afterAt = Instant.EPOCH;
        UUID afterId = new UUID(0, 0);
        if (cursor != null) {
            List<String> k = Cursor.decode(cursor, 2);
            afterAt = Cursor.instant(k.get(0));
            afterId = Cursor.id(k.get(1));
        }
        checks.orThrow();
        UUID orgId = org == null ? null : org.id();
        List<Reevaluations.Made> rows = reevaluations.madeBetween(orgId, start, end, afterAt, afterId, n + 1);
        String next = null;
        if (rows.size() > n) {
            rows = rows.subList(0, n);
            Reevaluations.Made last = rows.get(n - 1);
            next = Cursor.encode(List.of(
                    last.request().createdAt().toString(), last.request().id().toString()));
        }
        return new Report(
                org, start, end, new Page<>(List.copyOf(rows), next), reevaluations.totalsBetween(orgId, start, end));
    }

    private static Instant bound(Checks checks, String field, String raw, ZoneId zone, boolean end) {
        if (raw == null) return null;
        try {
            LocalDate d = LocalDate.parse(raw);
            return (end ? d.plusDays(1) : d).atStartOfDay(zone).toInstant();
        } catch (java.time.format.DateTimeParseException notADate) {
            // else an instant, in the range every instant of the API is checked against
        }
        Checks instant = Checks.start();
        Instant i = instant.optionalInstant(field, raw);
        if (!instant.ok(field)) {
            checks.add(field, "'" + raw + "' is neither a date (2026-03-01) nor an instant (2026-03-01T00:00:00Z)");
            return null;
        }
        return i;
    }
}
