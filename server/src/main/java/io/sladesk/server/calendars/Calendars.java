package io.sladesk.server.calendars;

import io.sladesk.calendar.WeeklyHours;
import io.sladesk.calendar.WorkCalendar;
import io.sladesk.calendar.WorkingInterval;
import io.sladesk.server.account.CalendarDirectory;
import io.sladesk.server.account.Organization;
import io.sladesk.server.platform.Checks;
import io.sladesk.server.platform.DeploymentZone;
import io.sladesk.server.platform.Problems.Conflict;
import io.sladesk.server.platform.Problems.NotFound;
import io.sladesk.server.platform.References;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The calendars module's facade: stored calendars (create, update, holidays, iCalendar
 * import) and {@link #resolve}, which applies the built-in rules of the SLA semantics.
 */
@Service
public class Calendars implements CalendarDirectory {
    /** Plain elapsed time: no zone, no holidays. */
    public static final String ALWAYS = "24x7";
    /** Monday to Friday all day, or the organization's own calendar when it has one. */
    public static final String BUSINESS_DAYS = "business-days";

    private static final int HOLIDAY_LIMIT = 2_000;

    private final JdbcClient db;
    private final JsonMapper json;
    private final Clock clock;
    private final ZoneId deploymentZone;
    private final ApplicationEventPublisher events;
    /**
     * Precomputed arithmetic per stored calendar with its version. A change on this server
     * drops the entry at once (its change event); an entry is otherwise trusted for two
     * seconds, then its version is checked again (one primary-key read), so other servers'
     * changes are seen within that time and the recomputation the change queued corrects
     * any clock touched meanwhile.
     */
    private final Map<UUID, Compiled> compiled = new ConcurrentHashMap<>();

    private static final long TRUST_NANOS = 2_000_000_000L;

    private record Compiled(long version, WorkCalendar calendar, String name, ZoneId zone, long checkedUntil) {}

    private final References references;

    Calendars(
            JdbcClient db,
            JsonMapper json,
            Clock clock,
            DeploymentZone deploymentZone,
            ApplicationEventPublisher events,
            References references) {
        this.references = references;
        this.db = db;
        this.json = json;
        this.clock = clock;
        this.deploymentZone = deploymentZone.zone();
        this.events = events;
    }

    @Transactional
    public StoredCalendar create(NewCalendar req) {
        Valid v = validate(req, null);
        UUID id = UUID.randomUUID();
        Instant now = now();
        db.sql(
                        "insert into calendars (id, name, time_zone, week, created_at, updated_at) values (?, ?, ?, ?::jsonb, ?, ?)")
                .params(id, v.name, v.zone.getId(), json.writeValueAsString(v.week), ts(now), ts(now))
                .update();
        insertHolidays(id, v.holidays);
        return get(id.toString()).orElseThrow();
    }

    /** Replaces a calendar's definition; running clocks on it are recomputed in the background. */
    @Transactional
    public StoredCalendar update(String idOrName, NewCalendar req) {
        requireStored(idOrName);
        StoredCalendar existing = get(idOrName).orElseThrow(() -> notFound(idOrName));
        Valid v = validate(req, existing.id());
        Instant now = now();
        db.sql("update calendars set name = ?, time_zone = ?, week = ?::jsonb, updated_at = ?, version = version + 1"
                        + " where id = ?")
                .params(v.name, v.zone.getId(), json.writeValueAsString(v.week), ts(now), existing.id())
                .update();
        db.sql("delete from calendar_holidays where calendar_id = ?")
                .param(existing.id())
                .update();
        insertHolidays(existing.id(), v.holidays);
        events.publishEvent(new CalendarChanged(existing.id(), now));
        return get(existing.id().toString()).orElseThrow();
    }

    /** Adds holidays (ISO dates) to a calendar; returns the calendar. */
    @Transactional
    public StoredCalendar addHolidays(String idOrName, List<String> dates) {
        requireStored(idOrName);
        StoredCalendar existing = get(idOrName).orElseThrow(() -> notFound(idOrName));
        Checks checks = Checks.start();
        SortedSet<LocalDate> days = dates(checks, "holidays", dates);
        if (dates == null || dates.isEmpty()) checks.add("holidays", "give at least one date, such as 2026-10-10");
        checks.orThrow();
        return addDays(existing, days);
    }

    /**
     * Adds the all-day events of an iCalendar file as holidays. Events with a time of day
     * are refused rather than guessed at: a holiday is a whole local date.
     */
    @Transactional
    public StoredCalendar importHolidays(String idOrName, String ics) {
        requireStored(idOrName);
        StoredCalendar existing = get(idOrName).orElseThrow(() -> notFound(idOrName));
        return addDays(existing, IcsHolidays.parse(ics));
    }

    /** The all-day dates of an iCalendar file, as {@link #importHolidays} reads them (pages preview them first). */
    public SortedSet<LocalDate> holidaysIn(String ics) {
        return IcsHolidays.parse(ics);
    }

    private StoredCalendar addDays(StoredCalendar existing, SortedSet<LocalDate> days) {
        insertHolidays(existing.id(), days);
        db.sql("update calendars set updated_at = ?, version = version + 1 where id = ?")
                .params(ts(now()), existing.id())
                .update();
        events.publishEvent(new CalendarChanged(existing.id(), now()));
        return get(existing.id().toString()).orElseThrow();
    }

    private void insertHolidays(UUID id, SortedSet<LocalDate> days) {
        for (LocalDate d : days) {
            db.sql("insert into calendar_holidays (calendar_id, day) values (?, ?) on conflict do nothing")
                    .params(id, d)
                    .update();
        }
    }

    /**
     * What a calendar would be after {@link #update} with this request: validated the same
     * way (the same problems, the same 404 and 409), compiled, and stored nowhere. Change
     * previews hold open clocks to it to show what saving would do.
     */
    public ResolvedCalendar proposed(String idOrName, NewCalendar req) {
        requireStored(idOrName);
        StoredCalendar existing = get(idOrName).orElseThrow(() -> notFound(idOrName));
        Valid v = validate(req, existing.id());
        return new ResolvedCalendar(
                WorkCalendar.of(v.zone, weeklyHours(v.week), v.holidays), existing.id(), v.zone, v.name);
    }

    /** What a calendar would be after {@link #addHolidays} with these dates; stored nowhere. */
    public ResolvedCalendar proposedWithHolidays(String idOrName, List<String> dates) {
        requireStored(idOrName);
        StoredCalendar existing = get(idOrName).orElseThrow(() -> notFound(idOrName));
        Checks checks = Checks.start();
        SortedSet<LocalDate> days = dates(checks, "holidays", dates);
        if (dates == null || dates.isEmpty()) checks.add("holidays", "give at least one date, such as 2026-10-10");
        checks.orThrow();
        days.addAll(existing.holidays());
        return new ResolvedCalendar(
                WorkCalendar.of(existing.zone(), weeklyHours(existing.week()), days),
                existing.id(),
                existing.zone(),
                existing.name());
    }

    /** A stored calendar by id (the primary key) or, as requests may name it, by its unique name. */
    public Optional<StoredCalendar> get(String idOrName) {
        Optional<UUID> id = io.sladesk.server.platform.Ids.parse(idOrName);
        if (id.isPresent()) return get(id.get());
        return db.sql("select id from calendars where lower(name) = lower(?)")
                .param(idOrName)
                .query(UUID.class)
                .optional()
                .flatMap(this::get);
    }

    /** Deletes a calendar nothing refers to; else a 409 naming what uses it. */
    @Transactional
    public void delete(String idOrName) {
        requireStored(idOrName);
        StoredCalendar existing = get(idOrName).orElseThrow(() -> notFound(idOrName));
        references.requireUnused(References.Kind.CALENDAR, existing.id(), "Calendar " + existing.name());
        db.sql("delete from calendar_holidays where calendar_id = ?")
                .param(existing.id())
                .update();
        db.sql("delete from calendars where id = ?").param(existing.id()).update();
        compiled.remove(existing.id());
    }

    @org.springframework.transaction.event.TransactionalEventListener
    void after(CalendarChanged e) {
        compiled.remove(e.calendarId());
    }

    /** The built-in calendars are rules of the SLA semantics, not data: they cannot be changed or deleted. */
    private static void requireStored(String idOrName) {
        if (ALWAYS.equals(idOrName) || BUSINESS_DAYS.equals(idOrName))
            throw new Conflict("The " + idOrName + " calendar is built in and cannot be changed or deleted");
    }

    public Optional<StoredCalendar> get(UUID id) {
        return db.sql("select * from calendars where id = ?")
                .param(id)
                .query(this::stored)
                .optional();
    }

    public List<StoredCalendar> list() {
        return db.sql("select * from calendars order by lower(name)")
                .query(this::stored)
                .list();
    }

    @Override
    public Optional<UUID> find(String idOrName) {
        return get(idOrName).map(StoredCalendar::id);
    }

    /**
     * What a target keeps for a calendar a request names: a built-in's name, or a stored
     * calendar's id (so a rename changes nothing). Empty when there is no such calendar.
     */
    public Optional<String> reference(String idOrName) {
        if (ALWAYS.equals(idOrName) || BUSINESS_DAYS.equals(idOrName)) return Optional.of(idOrName);
        return get(idOrName).map(c -> c.id().toString());
    }

    /** A calendar reference as people read it: a built-in's name, or the stored calendar's current name. */
    public String name(String ref) {
        if (ALWAYS.equals(ref) || BUSINESS_DAYS.equals(ref)) return ref;
        return io.sladesk.server.platform.Ids.parse(ref)
                .flatMap(id -> Optional.ofNullable(compiled(id)))
                .map(Compiled::name)
                .orElse(ref);
    }

    /**
     * The calendar a target names, for an organization (null: none). {@code business-days}
     * is the organization's own calendar when it has one, otherwise Monday to Friday all day
     * in the organization's time zone or the deployment's.
     */
    public ResolvedCalendar resolve(String ref, Organization org) {
        ZoneId orgZone = org != null && org.timeZone() != null ? ZoneId.of(org.timeZone()) : deploymentZone;
        if (ALWAYS.equals(ref)) {
            return new ResolvedCalendar(WorkCalendar.alwaysOpen(), null, orgZone, "24/7");
        }
        if (BUSINESS_DAYS.equals(ref)) {
            if (org != null && org.calendarId() != null) {
                Compiled own = compiled(org.calendarId());
                if (own != null) return new ResolvedCalendar(own.calendar(), org.calendarId(), own.zone(), own.name());
            }
            return new ResolvedCalendar(WorkCalendar.businessDays(orgZone), null, orgZone, null);
        }
        UUID id = io.sladesk.server.platform.Ids.parse(ref).orElseThrow(() -> notFound(ref));
        Compiled c = compiled(id);
        if (c == null) throw notFound(ref);
        return new ResolvedCalendar(c.calendar(), id, c.zone(), c.name());
    }

    /** The stored calendar's arithmetic, compiled once per version; null if there is no such calendar. */
    private Compiled compiled(UUID id) {
        long now = System.nanoTime();
        Compiled c = compiled.get(id);
        if (c != null && now - c.checkedUntil() < 0) return c;
        Optional<Long> version = db.sql("select version from calendars where id = ?")
                .param(id)
                .query(Long.class)
                .optional();
        if (version.isEmpty()) {
            compiled.remove(id);
            return null;
        }
        Compiled fresh;
        if (c != null && c.version() == version.get()) {
            fresh = new Compiled(c.version(), c.calendar(), c.name(), c.zone(), now + TRUST_NANOS);
        } else {
            StoredCalendar s = get(id).orElseThrow();
            fresh = new Compiled(
                    s.version(),
                    WorkCalendar.of(s.zone(), weeklyHours(s.week()), s.holidays()),
                    s.name(),
                    s.zone(),
                    now + TRUST_NANOS);
        }
        compiled.put(id, fresh);
        return fresh;
    }

    // ---- validation

    private record Valid(
            String name, ZoneId zone, Map<String, List<List<String>>> week, SortedSet<LocalDate> holidays) {}

    private Valid validate(NewCalendar req, UUID self) {
        Checks checks = Checks.start();
        String name = checks.text("name", req.name(), 200);
        if (name != null && (ALWAYS.equalsIgnoreCase(name) || BUSINESS_DAYS.equalsIgnoreCase(name))) {
            checks.add("name", "'" + name + "' is the name of a built-in calendar");
        }
        if (name != null) {
            Optional<UUID> same = db.sql("select id from calendars where lower(name) = lower(?)")
                    .param(name)
                    .query(UUID.class)
                    .optional();
            if (same.isPresent() && !same.get().equals(self))
                checks.add("name", "a calendar named '" + name + "' exists already");
        }
        ZoneId zone = null;
        if (req.timeZone() == null) checks.add("timeZone", "is required, an IANA time zone such as Asia/Taipei");
        else {
            try {
                if (!ZoneId.getAvailableZoneIds().contains(req.timeZone())) throw new DateTimeException(req.timeZone());
                zone = ZoneId.of(req.timeZone());
            } catch (DateTimeException e) {
                checks.add("timeZone", "'" + req.timeZone() + "' is not an IANA time zone such as Asia/Taipei");
            }
        }
        Map<String, List<List<String>>> week = new LinkedHashMap<>();
        if (req.week() == null)
            checks.add(
                    "week", "is required: working intervals per weekday, e.g. {\"MONDAY\": [[\"09:00\", \"18:00\"]]}");
        else {
            for (var e : req.week().entrySet()) {
                String field = "week." + e.getKey();
                DayOfWeek day;
                try {
                    day = DayOfWeek.valueOf(e.getKey().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException ex) {
                    checks.add(field, "'" + e.getKey() + "' is not a weekday (MONDAY … SUNDAY)");
                    continue;
                }
                List<List<String>> intervals = e.getValue() == null ? List.of() : e.getValue();
                try {
                    List<WorkingInterval> parsed = new ArrayList<>();
                    for (List<String> pair : intervals) {
                        if (pair == null || pair.size() != 2)
                            throw new IllegalArgumentException("each interval is a pair [\"HH:MM\", \"HH:MM\"]");
                        parsed.add(WorkingInterval.parse(pair.get(0), pair.get(1)));
                    }
                    WeeklyHours.of(Map.of(day, parsed)); // sorted, non-overlapping
                    week.put(day.name(), intervals.stream().map(List::copyOf).toList());
                } catch (IllegalArgumentException ex) {
                    // the library names the day itself; the field already does
                    checks.add(
                            field, ex.getMessage().replaceFirst("^" + e.getKey().toUpperCase(Locale.ROOT) + ": ", ""));
                }
            }
        }
        SortedSet<LocalDate> holidays = dates(checks, "holidays", req.holidays());
        if (req.week() != null
                && checks.ok("week")
                && week.values().stream().allMatch(List::isEmpty)
                && req.week().keySet().stream().allMatch(k -> checks.ok("week." + k))) {
            checks.add("week", "has no working time at all; give at least one interval");
        }
        checks.orThrow();
        return new Valid(name, zone, week, holidays);
    }

    private static SortedSet<LocalDate> dates(Checks checks, String field, List<String> raw) {
        SortedSet<LocalDate> out = new TreeSet<>();
        if (raw == null) return out;
        if (raw.size() > HOLIDAY_LIMIT) {
            checks.add(field, "holds " + raw.size() + " dates; the limit is " + HOLIDAY_LIMIT);
            return out;
        }
        for (int i = 0; i < raw.size(); i++) {
            try {
                LocalDate d = LocalDate.parse(raw.get(i));
                if (d.getYear() < 1971 || d.getYear() > 2199) throw new DateTimeParseException("range", raw.get(i), 0);
                out.add(d);
            } catch (DateTimeParseException | NullPointerException e) {
                checks.add(
                        field + "[" + i + "]",
                        "'" + raw.get(i) + "' is not a date such as 2026-10-10 (years 1971–2199)");
            }
        }
        return out;
    }

    static WeeklyHours weeklyHours(Map<String, List<List<String>>> week) {
        EnumMap<DayOfWeek, List<WorkingInterval>> map = new EnumMap<>(DayOfWeek.class);
        week.forEach((day, intervals) -> map.put(
                DayOfWeek.valueOf(day),
                intervals.stream()
                        .map(p -> WorkingInterval.parse(p.get(0), p.get(1)))
                        .toList()));
        return WeeklyHours.of(map);
    }

    private StoredCalendar stored(ResultSet rs, int i) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        SortedSet<LocalDate> holidays = new TreeSet<>(db.sql("select day from calendar_holidays where calendar_id = ?")
                .param(id)
                .query((r, n) -> r.getObject("day", LocalDate.class))
                .list());
        return new StoredCalendar(
                id,
                rs.getString("name"),
                ZoneId.of(rs.getString("time_zone")),
                json.readValue(rs.getString("week"), new TypeReference<Map<String, List<List<String>>>>() {}),
                holidays,
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getLong("version"));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }

    private static NotFound notFound(String ref) {
        return new NotFound("Calendar " + ref + " does not exist");
    }
}
