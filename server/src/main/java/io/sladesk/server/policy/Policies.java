package io.sladesk.server.policy;

import io.sladesk.server.account.Accounts;
import io.sladesk.server.calendars.Calendars;
import io.sladesk.server.kernel.Severity;
import io.sladesk.server.platform.Checks;
import io.sladesk.server.platform.Problems.Conflict;
import io.sladesk.server.platform.Problems.NotFound;
import io.sladesk.server.platform.References;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The policy module's facade: create, change and read policies; look up targets. */
@Service
public class Policies {
    static final Duration SHORTEST_TARGET = Duration.ofSeconds(1);
    static final Duration LONGEST_TARGET = Duration.ofDays(365);
    static final int MOST_BUSINESS_DAYS = 365;
    /** An escalation level at most 100 targets after the breach: beyond that it would never fire. */
    static final double MOST_SHARE = 100;

    private static final List<String> ACTIONS = java.util.Arrays.stream(EscalationAction.Simple.values())
            .map(EscalationAction::wire)
            .toList();

    private static final List<String> METRICS =
            Metric.OF_TICKETS.stream().map(Metric::field).toList();
    private static final List<String> TARGET_KEYS = List.of("duration", "businessDays", "calendar");
    private static final List<String> LEVEL_KEYS = List.of("level", "afterBreach", "afterBreachShare", "actions");

    private final JdbcClient db;
    private final JsonMapper json;
    private final Calendars calendars;
    private final Accounts accounts;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final References references;

    Policies(
            JdbcClient db,
            JsonMapper json,
            Calendars calendars,
            Accounts accounts,
            Clock clock,
            ApplicationEventPublisher events,
            References references) {
        this.references = references;
        this.db = db;
        this.json = json;
        this.calendars = calendars;
        this.accounts = accounts;
        this.clock = clock;
        this.events = events;
    }

    @Transactional
    public Policy create(NewPolicy req) {
        Policy p = validate(req, UUID.randomUUID());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        db.sql("insert into policies (id, name, targets, warning_share, upgrade_grace, escalation, created_at,"
                        + " updated_at) values (?, ?, ?::jsonb, ?, ?, ?::jsonb, ?, ?)")
                .params(
                        p.id(),
                        p.name(),
                        json.writeValueAsString(storedTargetsJson(p)),
                        p.warningShare(),
                        p.upgradeGrace().toString(),
                        json.writeValueAsString(storedEscalationJson(p)),
                        Timestamp.from(now),
                        Timestamp.from(now))
                .update();
        return get(p.id().toString()).orElseThrow();
    }

    /** Replaces a policy; running clocks under it are recomputed in the background. */
    @Transactional
    public Policy update(String idOrName, NewPolicy req) {
        Policy existing = get(idOrName).orElseThrow(() -> notFound(idOrName));
        return replace(existing, req);
    }

    /**
     * Changes the fields given and keeps the others (a rename, say, touches nothing else:
     * plans, organizations and clocks refer to the policy by id).
     */
    @Transactional
    public Policy patch(String idOrName, NewPolicy req) {
        Policy existing = get(idOrName).orElseThrow(() -> notFound(idOrName));
        return replace(existing, merged(existing, req));
    }

    /** The request with the fields it leaves out taken from the policy as it is. */
    private static NewPolicy merged(Policy existing, NewPolicy req) {
        return new NewPolicy(
                req.name() != null ? req.name() : existing.name(),
                req.targets() != null
                        ? mergeTargets(storedTargetsJson(existing), req.targets())
                        : storedTargetsJson(existing),
                req.warningShare() != null ? req.warningShare() : existing.warningShare(),
                req.upgradeGrace() != null
                        ? req.upgradeGrace()
                        : existing.upgradeGrace().toString(),
                req.escalation() != null ? req.escalation() : storedEscalationJson(existing));
    }

    /**
     * What a policy would be after {@link #patch} with this request: merged and validated
     * the same way (the same problems and 404), stored nowhere. Change previews hold open
     * clocks to it to show what saving would do.
     */
    public Policy proposed(String idOrName, NewPolicy req) {
        Policy existing = get(idOrName).orElseThrow(() -> notFound(idOrName));
        return validate(merged(existing, req), existing.id());
    }

    /**
     * A partial change of targets: each severity and metric given replaces that one target;
     * the others keep the policy's own (not Pro's), so a PATCH never resets what it leaves out.
     */
    private static Map<String, Map<String, Map<String, Object>>> mergeTargets(
            Map<String, Map<String, Map<String, Object>>> existing,
            Map<String, Map<String, Map<String, Object>>> given) {
        Map<String, Map<String, Map<String, Object>>> out = new LinkedHashMap<>();
        existing.forEach((severity, perMetric) -> out.put(severity, new LinkedHashMap<>(perMetric)));
        given.forEach((severity, perMetric) -> {
            if (perMetric == null || !out.containsKey(severity)) {
                out.put(severity, perMetric); // validated as given: an unknown severity or null is refused
                return;
            }
            out.get(severity).putAll(perMetric);
        });
        return out;
    }

    /** Deletes a policy no plan holds customers to and no clock was held to; else a 409 naming them. */
    @Transactional
    public void delete(String idOrName) {
        Policy existing = get(idOrName).orElseThrow(() -> notFound(idOrName));
        if (existing.id().equals(Policy.PRO)) throw new Conflict("The Pro policy is built in and cannot be deleted");
        references.requireUnused(References.Kind.POLICY, existing.id(), "Policy " + existing.name());
        db.sql("delete from policies where id = ?").param(existing.id()).update();
    }

    private Policy replace(Policy existing, NewPolicy req) {
        Policy p = validate(req, existing.id());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        db.sql("update policies set name = ?, targets = ?::jsonb, warning_share = ?, upgrade_grace = ?,"
                        + " escalation = ?::jsonb, updated_at = ?, version = version + 1 where id = ?")
                .params(
                        p.name(),
                        json.writeValueAsString(storedTargetsJson(p)),
                        p.warningShare(),
                        p.upgradeGrace().toString(),
                        json.writeValueAsString(storedEscalationJson(p)),
                        Timestamp.from(now),
                        p.id())
                .update();
        events.publishEvent(new PolicyChanged(p.id(), now));
        return get(p.id().toString()).orElseThrow();
    }

    /** A policy by id (the primary key) or, as requests may name it, by its unique name. */
    public Optional<Policy> get(String idOrName) {
        Optional<UUID> id = io.sladesk.server.platform.Ids.parse(idOrName);
        if (id.isPresent()) return find(id.get());
        return db.sql("select * from policies where lower(name) = lower(?)")
                .param(idOrName)
                .query(this::policy)
                .optional();
    }

    public Policy get(UUID id) {
        return find(id).orElseThrow(() -> notFound(id.toString()));
    }

    private Optional<Policy> find(UUID id) {
        return db.sql("select * from policies where id = ?")
                .param(id)
                .query(this::policy)
                .optional();
    }

    public List<Policy> list() {
        return db.sql("select * from policies order by lower(name)")
                .query(this::policy)
                .list();
    }

    // ---- validation

    private Policy validate(NewPolicy req, UUID id) {
        Checks checks = Checks.start();
        String name = checks.text("name", req.name(), 200);
        if (name != null) {
            Optional<UUID> same = db.sql("select id from policies where lower(name) = lower(?)")
                    .param(name)
                    .query(UUID.class)
                    .optional();
            if (same.isPresent() && !same.get().equals(id))
                checks.add("name", "a policy named '" + name + "' exists already");
        }
        Map<Severity, Map<Metric, Target>> targets = new EnumMap<>(Severity.class);
        if (req.targets() == null) checks.add("targets", "is required: a target per severity (P1 … P4) and metric");
        else {
            for (String key : req.targets().keySet()) {
                if (!Set.of("P1", "P2", "P3", "P4").contains(key))
                    checks.add("targets." + key, "is not a severity (P1 … P4)");
            }
            for (Severity s : Severity.values()) {
                // a severity or metric the policy leaves out keeps the Pro plan's promise
                Map<String, Map<String, Object>> perMetric = req.targets().get(s.wire());
                if (perMetric == null) {
                    if (req.targets().containsKey(s.wire()))
                        checks.add("targets." + s.wire(), "must be an object of targets per metric");
                    perMetric = Map.of();
                }
                for (String key : perMetric.keySet()) {
                    // a misspelt metric would otherwise quietly keep the Pro plan's promise
                    if (!METRICS.contains(key))
                        checks.add("targets." + s.wire() + "." + key, "is not a metric; one of " + METRICS);
                }
                Map<Metric, Target> m = new EnumMap<>(Metric.class);
                for (Metric metric : Metric.OF_TICKETS) {
                    String field = "targets." + s.wire() + "." + metric.field();
                    Map<String, Object> raw = perMetric.get(metric.field());
                    Target t = raw == null ? pro().target(s, metric) : target(checks, field, raw);
                    if (t != null) m.put(metric, t);
                }
                targets.put(s, m);
            }
        }
        double share = 0.75;
        if (req.warningShare() != null) {
            if (req.warningShare() instanceof Number n && n.doubleValue() > 0 && n.doubleValue() < 1)
                share = n.doubleValue();
            else checks.add("warningShare", "must be a number between 0 and 1 (exclusive), such as 0.75");
        }
        Duration grace = Duration.ZERO;
        if (req.upgradeGrace() != null) {
            grace = duration(checks, "upgradeGrace", req.upgradeGrace());
            if (grace != null && (grace.isNegative() || grace.compareTo(LONGEST_TARGET) > 0))
                checks.add("upgradeGrace", "must be from PT0S to " + LONGEST_TARGET + " (a year)");
        }
        List<EscalationLevel> ladder = req.escalation() == null ? defaultLadder() : ladder(checks, req.escalation());
        checks.orThrow();
        return new Policy(id, name, targets, share, grace, ladder, 0);
    }

    private Policy pro() {
        return get(Policy.PRO);
    }

    /** Level 1 at the breach, level 2 at +50 % of the target, as the SLA semantics default. */
    static List<EscalationLevel> defaultLadder() {
        return List.of(
                new EscalationLevel(
                        1,
                        Duration.ZERO,
                        null,
                        List.of(
                                EscalationAction.Simple.RAISE_PRIORITY,
                                EscalationAction.Simple.NOTIFY_ASSIGNEE,
                                EscalationAction.Simple.NOTIFY_ESCALATION_MANAGERS,
                                EscalationAction.Simple.NOTIFY_TAM)),
                new EscalationLevel(
                        2,
                        null,
                        0.5,
                        List.of(
                                EscalationAction.Simple.RAISE_PRIORITY,
                                EscalationAction.Simple.NOTIFY_ESCALATION_MANAGERS,
                                EscalationAction.Simple.NOTIFY_TAM)));
    }

    private Target target(Checks checks, String field, Map<String, Object> raw) {
        if (raw == null) {
            checks.add(field, "is required: {\"duration\": \"PT4H\" | \"businessDays\": 2, \"calendar\": \"24x7\"}");
            return null;
        }
        unknownKeys(checks, field, raw, TARGET_KEYS);
        Object d = raw.get("duration");
        Object b = raw.get("businessDays");
        Object c = raw.get("calendar");
        if ((d == null) == (b == null)) {
            checks.add(field, "needs exactly one of duration and businessDays");
            return null;
        }
        String calendar = c == null ? Calendars.ALWAYS : c.toString();
        if (!(c == null || c instanceof String)) checks.add(field + ".calendar", "must be a calendar id or name");
        else {
            // a stored calendar is kept by id: renaming it later changes nothing
            Optional<String> ref = calendars.reference(calendar);
            if (ref.isEmpty())
                checks.add(field + ".calendar", "no calendar '" + calendar + "' (built in: 24x7, business-days)");
            else calendar = ref.get();
        }
        if (d != null) {
            Duration duration = d instanceof String s ? duration(checks, field + ".duration", s) : null;
            if (!(d instanceof String)) checks.add(field + ".duration", "must be an ISO-8601 duration such as PT45M");
            if (duration != null
                    && (duration.compareTo(SHORTEST_TARGET) < 0 || duration.compareTo(LONGEST_TARGET) > 0)) {
                checks.add(field + ".duration", "must be from PT1S to " + LONGEST_TARGET + " (a year)");
                return null;
            }
            return duration == null ? null : new Target(duration, null, calendar);
        }
        if (!(b instanceof Integer n) || n < 1 || n > MOST_BUSINESS_DAYS) {
            checks.add(field + ".businessDays", "must be a whole number from 1 to " + MOST_BUSINESS_DAYS);
            return null;
        }
        return new Target(null, n, calendar);
    }

    private List<EscalationLevel> ladder(Checks checks, List<Map<String, Object>> raw) {
        List<EscalationLevel> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String field = "escalation[" + i + "]";
            Map<String, Object> l = raw.get(i);
            if (l == null) {
                checks.add(field, "is empty");
                continue;
            }
            unknownKeys(checks, field, l, LEVEL_KEYS);
            if (!(l.get("level") instanceof Integer level) || level != i + 1) {
                checks.add(field + ".level", "levels are numbered 1, 2, 3 … in order; expected " + (i + 1));
                continue;
            }
            Duration after = null;
            Double share = null;
            if (l.get("afterBreach") != null && l.get("afterBreachShare") != null) {
                checks.add(field, "give afterBreach or afterBreachShare, not both");
            } else if (l.get("afterBreach") instanceof String s) {
                after = duration(checks, field + ".afterBreach", s);
                if (after != null && (after.isNegative() || after.compareTo(LONGEST_TARGET) > 0))
                    checks.add(field + ".afterBreach", "must be from PT0S to " + LONGEST_TARGET + " (a year)");
            } else if (l.get("afterBreachShare") instanceof Number n
                    && n.doubleValue() >= 0
                    && n.doubleValue() <= MOST_SHARE) {
                share = n.doubleValue();
            } else if (l.get("afterBreach") == null && l.get("afterBreachShare") == null) {
                after = Duration.ZERO;
            } else {
                checks.add(
                        field,
                        "afterBreach is an ISO-8601 duration; afterBreachShare a number from 0 to " + MOST_SHARE);
            }
            if (level == 1 && ((after != null && !after.isZero()) || (share != null && share != 0))) {
                checks.add(field, "level 1 fires at the breach itself (afterBreach PT0S)");
            }
            List<EscalationAction> actions = new ArrayList<>();
            if (l.get("actions") instanceof List<?> list) {
                for (int j = 0; j < list.size(); j++) {
                    String a = String.valueOf(list.get(j));
                    Optional<EscalationAction> action = action(a);
                    if (action.isPresent()) {
                        if (!actions.contains(action.get())) actions.add(action.get());
                    } else
                        checks.add(
                                field + ".actions[" + j + "]",
                                "'" + a + "' is not one of " + ACTIONS + " or reassign_to_group:<existing group>");
                }
            } else if (l.get("actions") != null) {
                checks.add(field + ".actions", "must be a list");
            }
            out.add(new EscalationLevel(level, after, share, List.copyOf(actions)));
        }
        return List.copyOf(out);
    }

    /** An action as a request names it; a group by id or name, resolved to its id now. */
    private Optional<EscalationAction> action(String a) {
        if (a.startsWith(EscalationAction.REASSIGN)) {
            return accounts.group(a.substring(EscalationAction.REASSIGN.length()))
                    .map(g -> new EscalationAction.ReassignToGroup(g.id()));
        }
        return EscalationAction.Simple.fromWire(a).map(EscalationAction.class::cast);
    }

    /** Configuration is strict: a key the desk does not read is a mistake to point out, not to ignore. */
    private static void unknownKeys(Checks checks, String field, Map<String, Object> raw, List<String> known) {
        for (String key : raw.keySet()) {
            if (!known.contains(key)) checks.add(field + "." + key, "is not a known field; expected one of " + known);
        }
    }

    private static Duration duration(Checks checks, String field, String raw) {
        try {
            return Duration.parse(raw);
        } catch (DateTimeParseException e) {
            checks.add(field, "'" + raw + "' is not an ISO-8601 duration such as PT45M");
            return null;
        }
    }

    // ---- persistence

    /** A policy's targets as stored: stored calendars by id. */
    static Map<String, Map<String, Map<String, Object>>> storedTargetsJson(Policy p) {
        return targetsJson(p, Policies::storedTargetJson);
    }

    /** A policy's targets as the API shows them: stored calendars by their current name. */
    public Map<String, Map<String, Map<String, Object>>> targetsJson(Policy p) {
        return targetsJson(p, this::targetJson);
    }

    private static Map<String, Map<String, Map<String, Object>>> targetsJson(
            Policy p, java.util.function.Function<Target, Map<String, Object>> form) {
        Map<String, Map<String, Map<String, Object>>> out = new LinkedHashMap<>();
        p.targets().forEach((s, perMetric) -> {
            Map<String, Map<String, Object>> m = new LinkedHashMap<>();
            perMetric.forEach((metric, t) -> m.put(metric.field(), form.apply(t)));
            out.put(s.wire(), m);
        });
        return out;
    }

    /** A target as stored (and as clocks keep it): the calendar by id or built-in name. */
    public static Map<String, Object> storedTargetJson(Target t) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (t.isBusinessDays()) m.put("businessDays", t.businessDays());
        else m.put("duration", t.duration().toString());
        m.put("calendar", t.calendar());
        return m;
    }

    /** A target as the API shows it: a stored calendar by its current name. */
    public Map<String, Object> targetJson(Target t) {
        Map<String, Object> m = storedTargetJson(t);
        m.put("calendar", calendars.name(t.calendar()));
        return m;
    }

    /** The ladder as stored: groups by id. */
    static List<Map<String, Object>> storedEscalationJson(Policy p) {
        return escalationJson(p, EscalationAction::wire);
    }

    /** The ladder as the API shows it: groups by their current name. */
    public List<Map<String, Object>> escalationJson(Policy p) {
        return escalationJson(
                p,
                a -> a instanceof EscalationAction.ReassignToGroup r
                        ? EscalationAction.REASSIGN
                                + accounts.group(r.groupId())
                                        .map(g -> g.name())
                                        .orElse(r.groupId().toString())
                        : a.wire());
    }

    private static List<Map<String, Object>> escalationJson(
            Policy p, java.util.function.Function<EscalationAction, String> form) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (EscalationLevel l : p.escalation()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("level", l.level());
            if (l.afterBreach() != null) m.put("afterBreach", l.afterBreach().toString());
            if (l.afterBreachShare() != null) m.put("afterBreachShare", l.afterBreachShare());
            m.put("actions", l.actions().stream().map(form).toList());
            out.add(m);
        }
        return out;
    }

    public static Target parseTarget(Map<String, Object> m) {
        return m.get("businessDays") != null
                ? new Target(null, ((Number) m.get("businessDays")).intValue(), (String) m.get("calendar"))
                : new Target(Duration.parse((String) m.get("duration")), null, (String) m.get("calendar"));
    }

    private Policy policy(ResultSet rs, int i) throws SQLException {
        Map<String, Map<String, Map<String, Object>>> raw = json.readValue(
                rs.getString("targets"), new TypeReference<Map<String, Map<String, Map<String, Object>>>>() {});
        Map<Severity, Map<Metric, Target>> targets = new EnumMap<>(Severity.class);
        raw.forEach((s, perMetric) -> {
            Map<Metric, Target> m = new EnumMap<>(Metric.class);
            for (Metric metric : Metric.OF_TICKETS) m.put(metric, parseTarget(perMetric.get(metric.field())));
            targets.put(Severity.valueOf(s), m);
        });
        List<Map<String, Object>> ladderRaw =
                json.readValue(rs.getString("escalation"), new TypeReference<List<Map<String, Object>>>() {});
        List<EscalationLevel> ladder = ladderRaw.stream()
                .map(l -> new EscalationLevel(
                        ((Number) l.get("level")).intValue(),
                        l.get("afterBreach") == null ? null : Duration.parse((String) l.get("afterBreach")),
                        l.get("afterBreachShare") == null ? null : ((Number) l.get("afterBreachShare")).doubleValue(),
                        ((List<?>) l.getOrDefault("actions", List.of()))
                                .stream()
                                        .map(a -> EscalationAction.fromStored(String.valueOf(a)))
                                        .toList()))
                .toList();
        return new Policy(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                targets,
                rs.getDouble("warning_share"),
                Duration.parse(rs.getString("upgrade_grace")),
                ladder,
                rs.getLong("version"));
    }

    private static NotFound notFound(String ref) {
        return new NotFound("Policy " + ref + " does not exist");
    }
}
