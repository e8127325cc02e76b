package io.sladesk.server.account;

import io.sladesk.server.platform.Checks;
import io.sladesk.server.platform.Cursor;
import io.sladesk.server.platform.Page;
import io.sladesk.server.platform.Problems;
import io.sladesk.server.platform.Problems.Conflict;
import io.sladesk.server.platform.Problems.NotFound;
import io.sladesk.server.platform.References;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The accounts module's facade: organizations, users, groups and plans. */
@Service
public class Accounts {
    private static final Set<String> LANGUAGES = Set.of("en", "zh-TW");

    private final JdbcClient db;
    private final PasswordEncoder passwords;
    private final PasswordPolicy passwordPolicy;
    private final Clock clock;
    private final CalendarDirectory calendars;
    private final References references;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final WidgetSettings widget;
    /** Compared against when an email is unknown, so the answer takes as long as for a known one. */
    private final String decoyHash;

    Accounts(
            JdbcClient db,
            PasswordEncoder passwords,
            PasswordPolicy passwordPolicy,
            Clock clock,
            CalendarDirectory calendars,
            References references,
            org.springframework.context.ApplicationEventPublisher events,
            WidgetSettings widget) {
        this.db = db;
        this.widget = widget;
        this.references = references;
        this.events = events;
        this.calendars = calendars;
        this.passwords = passwords;
        this.passwordPolicy = passwordPolicy;
        this.clock = clock;
        this.decoyHash = passwords.encode(UUID.randomUUID().toString());
    }

    // ---- organizations

    @Transactional
    public Organization createOrganization(NewOrganization req) {
        Checks checks = Checks.start();
        String name = checks.text("name", req.name(), 200);
        Plan plan = null;
        if (req.plan() == null) {
            checks.add("plan", "is required (the Pro plan is named \"Pro\")");
        } else {
            plan = plan(req.plan()).orElse(null);
            if (plan == null) checks.add("plan", "no plan with id or name '" + req.plan() + "'");
        }
        String zone = validZone(checks, "timeZone", req.timeZone());
        UUID calendar = null;
        if (req.calendarId() != null) {
            calendar = calendars.find(req.calendarId()).orElse(null);
            if (calendar == null) checks.add("calendarId", calendarProblem(req.calendarId()));
        }
        UUID tam = tamUser(checks, "tamUserId", req.tamUserId(), plan);
        UUID backup = tamUser(checks, "backupTamUserId", req.backupTamUserId(), plan);
        tamRules(checks, tam, backup, Boolean.TRUE.equals(req.assignToTam()));
        if (name != null && organizationByName(name).isPresent()) {
            checks.add("name", "an organization named '" + name + "' exists already");
        }
        WidgetSettings.Checked widgetSettings = widget.check(
                checks, req.externalId() == null ? null : Optional.of(req.externalId()), req.widgetOrigins(), null);
        checks.orThrow();
        widgetSettings.orConflict();
        Organization org = new Organization(
                UUID.randomUUID(),
                name,
                plan.id(),
                zone,
                calendar,
                tam,
                backup,
                Boolean.TRUE.equals(req.assignToTam()),
                Boolean.TRUE.equals(req.shareHealth()),
                now(),
                widgetSettings.externalId(),
                widgetSettings.origins() == null ? List.of() : widgetSettings.origins());
        db.sql("insert into organizations (id, name, plan_id, time_zone, calendar_id, tam_user_id,"
                        + " backup_tam_user_id, assign_to_tam, share_health, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        org.id(),
                        org.name(),
                        org.planId(),
                        org.timeZone(),
                        org.calendarId(),
                        org.tamUserId(),
                        org.backupTamUserId(),
                        org.assignToTam(),
                        org.shareHealth(),
                        ts(org.createdAt()))
                .update();
        widget.store(org.id(), widgetSettings);
        return org;
    }

    /**
     * A TAM or backup as named: an active agent (or admin), on a plan with the TAM add-on;
     * else a problem on the field. Null when not named.
     */
    private UUID tamUser(Checks checks, String field, String raw, Plan plan) {
        UUID id = checks.optionalId(field, raw);
        if (id == null) return null;
        Optional<User> u = user(id);
        if (u.isEmpty()) checks.add(field, "no user with id '" + id + "'");
        else if (!u.get().role().isStaff())
            checks.add(field, "must be an agent; " + u.get().email() + " is a customer");
        else if (!isActive(id)) checks.add(field, u.get().email() + " is deactivated");
        else if (plan != null && !plan.tam())
            checks.add(field, "the plan '" + plan.name() + "' does not include the TAM add-on (a plan with tam: true)");
        return id;
    }

    private static void tamRules(Checks checks, UUID tam, UUID backup, boolean assignToTam) {
        if (backup != null && tam == null && checks.ok("backupTamUserId") && checks.ok("tamUserId"))
            checks.add("backupTamUserId", "a backup stands in for a TAM: name tamUserId too");
        if (backup != null && backup.equals(tam)) checks.add("backupTamUserId", "must be another user than the TAM");
        if (assignToTam && tam == null && checks.ok("tamUserId"))
            checks.add("assignToTam", "needs a TAM (tamUserId) to assign new tickets to");
    }

    /**
     * Who acts as an organization's TAM now: the TAM, or the backup while the TAM is
     * marked away (the TAM still, when there is no backup, so the account is never left
     * unwatched). Empty when the organization has no TAM.
     */
    public Optional<UUID> tamOnDuty(UUID organizationId) {
        return organization(organizationId).flatMap(this::tamOnDuty);
    }

    public Optional<UUID> tamOnDuty(Organization o) {
        if (o.tamUserId() == null) return Optional.empty();
        boolean gone = user(o.tamUserId()).map(User::away).orElse(true) || !isActive(o.tamUserId());
        if (o.backupTamUserId() != null && gone) return Optional.of(o.backupTamUserId());
        return Optional.of(o.tamUserId());
    }

    /**
     * {@link #tamOnDuty(Organization)} of each of these organizations that has a TAM, by
     * organization id, with one read of their TAMs.
     */
    public java.util.Map<UUID, UUID> tamsOnDuty(java.util.Collection<Organization> organizations) {
        java.util.Map<UUID, UUID> out = new java.util.HashMap<>();
        List<UUID> tams = organizations.stream()
                .map(Organization::tamUserId)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toList();
        if (tams.isEmpty()) return out;
        Set<UUID> present = new java.util.HashSet<>();
        db.sql("select id from users where id = any(?) and active and not away")
                .param(tams.toArray(UUID[]::new))
                .query(UUID.class)
                .list()
                .forEach(present::add);
        for (Organization o : organizations) {
            if (o.tamUserId() == null) continue;
            boolean gone = !present.contains(o.tamUserId());
            out.put(o.id(), o.backupTamUserId() != null && gone ? o.backupTamUserId() : o.tamUserId());
        }
        return out;
    }

    /** The organizations a user is TAM or backup of, by name. */
    public List<Organization> organizationsOfTam(UUID userId) {
        return db.sql("select * from organizations where tam_user_id = ? or backup_tam_user_id = ? order by name, id")
                .params(userId, userId)
                .query(Accounts::organization)
                .list();
    }

    public Optional<Organization> organization(UUID id) {
        return db.sql("select * from organizations where id = ?")
                .param(id)
                .query(Accounts::organization)
                .optional();
    }

    private Optional<Organization> organizationByName(String name) {
        return db.sql("select * from organizations where lower(name) = lower(?)")
                .param(name)
                .query(Accounts::organization)
                .optional();
    }

    /** An organization given by id or unique name, as requests may name it. */
    public Optional<Organization> organization(String idOrName) {
        try {
            return organization(UUID.fromString(idOrName));
        } catch (IllegalArgumentException e) {
            return organizationByName(idOrName);
        }
    }

    public Page<Organization> organizations(Integer limit, String cursor) {
        int n = Cursor.limit(limit);
        List<Organization> rows;
        if (cursor == null) {
            rows = db.sql("select * from organizations order by created_at, id limit ?")
                    .param(n + 1)
                    .query(Accounts::organization)
                    .list();
        } else {
            List<String> k = Cursor.decode(cursor, 2);
            rows = db.sql("select * from organizations where (created_at, id) > (?, ?) order by created_at, id limit ?")
                    .params(ts(Cursor.instant(k.get(0))), Cursor.id(k.get(1)), n + 1)
                    .query(Accounts::organization)
                    .list();
        }
        return page(rows, n, o -> List.of(o.createdAt().toString(), o.id().toString()));
    }

    // ---- users

    /** A new user; a password, when given, meets the {@link PasswordPolicy} (the first admin's too). */
    @Transactional
    public User createUser(NewUser req) {
        Checks checks = Checks.start();
        String email = checks.email("email", req.email());
        String name = checks.text("name", req.name(), 200);
        Role role = checks.requiredEnum("role", req.role(), Role.class, Role::wire);
        UUID orgId = checks.optionalId("organizationId", req.organizationId());
        if (role == Role.CUSTOMER && req.organizationId() == null) {
            checks.add("organizationId", "is required for a customer");
        }
        if (role != null && role.isStaff() && req.organizationId() != null) {
            checks.add("organizationId", "only customers belong to an organization");
        }
        if (orgId != null && organization(orgId).isEmpty()) {
            checks.add("organizationId", "no organization with id '" + orgId + "'");
        }
        String password = password(checks, "password", req.password());
        Set<Duty> duties = EnumSet.noneOf(Duty.class);
        if (req.duties() != null) {
            for (int i = 0; i < req.duties().size(); i++) {
                Duty d = checks.requiredEnum("duties[" + i + "]", req.duties().get(i), Duty.class, Duty::wire);
                if (d != null) duties.add(d);
            }
            if (!duties.isEmpty() && role == Role.CUSTOMER) {
                checks.add("duties", "customers carry no duties");
            }
        }
        String language = req.language() == null ? "en" : req.language();
        if (!LANGUAGES.contains(language)) checks.add("language", "'" + language + "' is not one of " + LANGUAGES);
        String zone = validZone(checks, "timeZone", req.timeZone());
        if (email != null && userByEmail(email).isPresent()) {
            checks.add("email", "a user with email '" + email + "' exists already");
        }
        checks.orThrow();
        User user = new User(
                UUID.randomUUID(),
                email,
                name,
                role,
                role == Role.CUSTOMER ? orgId : null,
                duties,
                language,
                zone,
                false,
                true,
                now());
        insert(user, password == null ? null : passwords.encode(password));
        return user;
    }

    /**
     * Changes what is given of a user. An admin may change anything; a user their own
     * name, language, time zone and password (giving the old one). Deactivating a user
     * blocks their sign-in and every token at once; a role moves between agent and admin
     * only (a customer belongs to an organization, staff to none).
     */
    @Transactional
    public User updateUser(Actor actor, UUID id, UserChange change) {
        User u = user(id).filter(x -> actor.isStaff() || x.id().equals(actor.userId()))
                .orElseThrow(() -> new NotFound("User " + id + " does not exist"));
        boolean self = u.id().equals(actor.userId());
        if (!actor.isAdmin()) {
            if (!self) throw new Problems.Forbidden("Only admins may change other users");
            if (change.role() != null || change.duties() != null || change.active() != null)
                throw new Problems.Forbidden("Only admins may change roles, duties or whether a user is active");
        }
        Checks checks = Checks.start();
        String name = change.name() == null ? u.name() : checks.text("name", change.name(), 200);
        Role role = u.role();
        if (change.role() != null) {
            Role to = checks.requiredEnum("role", change.role(), Role.class, Role::wire);
            if (to != null && to.isStaff() != u.role().isStaff())
                checks.add("role", "moves between agent and admin only; customers belong to an organization");
            else if (to != null) role = to;
        }
        String language = u.language();
        if (change.language() != null) {
            if (!LANGUAGES.contains(change.language()))
                checks.add("language", "'" + change.language() + "' is not one of " + LANGUAGES);
            else language = change.language();
        }
        String zone = change.timeZone() == null ? u.timeZone() : validZone(checks, "timeZone", change.timeZone());
        Set<Duty> duties = u.duties();
        if (change.duties() != null) {
            duties = EnumSet.noneOf(Duty.class);
            for (int i = 0; i < change.duties().size(); i++) {
                Duty d =
                        checks.requiredEnum("duties[" + i + "]", change.duties().get(i), Duty.class, Duty::wire);
                if (d != null) duties.add(d);
            }
            if (!duties.isEmpty() && !role.isStaff()) checks.add("duties", "customers carry no duties");
        }
        if (change.away() != null && !role.isStaff())
            checks.add("away", "only agents are marked away (a TAM hands over to the backup)");
        if (actor.isAdmin() && self && Boolean.FALSE.equals(change.active()))
            checks.add("active", "an admin cannot deactivate themselves");
        // the desk must keep an admin: none can be demoted or deactivated if they are the last
        boolean losesAdmin = u.role() == Role.ADMIN && (role != Role.ADMIN || Boolean.FALSE.equals(change.active()));
        if (losesAdmin && otherActiveAdmins(u.id()) == 0)
            checks.add(change.role() != null ? "role" : "active", "is the last active admin; make another admin first");
        String hash = null;
        if (change.password() != null) {
            String pw = password(checks, "password", change.password());
            // a user changing their own password proves they know it; an admin resets it
            if (self && !passwordMatches(u.id(), change.oldPassword()))
                checks.add("oldPassword", "is required and must be the current password");
            if (pw != null) hash = passwords.encode(pw);
        }
        checks.orThrow();
        boolean active = change.active() == null ? isActive(u.id()) : change.active();
        boolean away = change.away() == null ? u.away() : change.away();
        db.sql("update users set name = ?, role = ?, language = ?, time_zone = ?, duties = ?::text[], active = ?,"
                        + " away = ?, password_hash = coalesce(?, password_hash) where id = ?")
                .params(
                        name,
                        role.wire(),
                        language,
                        zone,
                        "{" + String.join(",", duties.stream().map(Duty::wire).toList()) + "}",
                        active,
                        away,
                        hash,
                        u.id())
                .update();
        if (!active) events.publishEvent(new AccountEvents.UserDeactivated(u.id()));
        return user(u.id()).orElseThrow();
    }

    /** Why an organization cannot have this calendar as its own. */
    private static String calendarProblem(String ref) {
        if (ref.equals("24x7") || ref.equals("business-days"))
            return "'" + ref + "' is a built-in calendar: an organization's own calendar is a stored one"
                    + " (business-days already uses it, else Monday to Friday in the organization's zone)";
        return "no calendar with id or name '" + ref + "'";
    }

    private long otherActiveAdmins(UUID userId) {
        return db.sql("select count(*) from users where role = 'admin' and active and id <> ?")
                .param(userId)
                .query(Long.class)
                .single();
    }

    public boolean isActive(UUID userId) {
        return db.sql("select active from users where id = ?")
                .param(userId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    private boolean passwordMatches(UUID userId, String password) {
        if (password == null) return false;
        String hash = db.sql("select password_hash from users where id = ?")
                .param(userId)
                .query(String.class)
                .optional()
                .orElse(null);
        return hash != null && passwords.matches(password, hash);
    }

    /**
     * Changes what is given of an organization. A new plan, time zone or calendar changes
     * the promises of its open tickets: their clocks are recomputed (in the background,
     * like a policy change).
     */
    @Transactional
    public Organization updateOrganization(String idOrName, OrganizationChange change) {
        Organization o =
                organization(idOrName).orElseThrow(() -> new NotFound("Organization " + idOrName + " does not exist"));
        Checks checks = Checks.start();
        String name = change.name() == null ? o.name() : checks.text("name", change.name(), 200);
        if (change.name() != null && name != null) {
            organizationByName(name)
                    .filter(x -> !x.id().equals(o.id()))
                    .ifPresent(x -> checks.add("name", "an organization named '" + x.name() + "' exists already"));
        }
        Plan plan = plan(o.planId()).orElseThrow();
        if (change.plan() != null) {
            Optional<Plan> p = plan(change.plan());
            if (p.isEmpty()) checks.add("plan", "no plan with id or name '" + change.plan() + "'");
            else plan = p.get();
        }
        String zone = change.timeZone() == null ? o.timeZone() : validZone(checks, "timeZone", change.timeZone());
        UUID calendar = o.calendarId();
        if (change.calendarId() != null) {
            calendar =
                    change.calendarId().map(c -> calendars.find(c).orElse(null)).orElse(null);
            if (calendar == null && change.calendarId().isPresent())
                checks.add("calendarId", calendarProblem(change.calendarId().get()));
        }
        Plan terms = plan;
        UUID tam = change.tamUserId() == null
                ? o.tamUserId()
                : tamUser(checks, "tamUserId", change.tamUserId().orElse(null), terms);
        UUID backup = change.backupTamUserId() == null
                ? o.backupTamUserId()
                : tamUser(checks, "backupTamUserId", change.backupTamUserId().orElse(null), terms);
        boolean assignToTam = change.assignToTam() == null ? o.assignToTam() : change.assignToTam();
        boolean shareHealth = change.shareHealth() == null ? o.shareHealth() : change.shareHealth();
        if (!plan.tam() && (tam != null || backup != null) && checks.ok("tamUserId") && checks.ok("backupTamUserId"))
            checks.add(
                    change.plan() != null ? "plan" : "tamUserId",
                    "the plan '" + plan.name() + "' does not include the TAM add-on; clear tamUserId and"
                            + " backupTamUserId (null) in the same request, or choose a plan with tam: true");
        // a TAM cleared takes assignment to the TAM with it, unless the request insists on it
        if (tam == null && change.assignToTam() == null) assignToTam = false;
        tamRules(checks, tam, backup, assignToTam);
        WidgetSettings.Checked widgetSettings =
                widget.check(checks, change.externalId(), change.widgetOrigins(), o.id());
        checks.orThrow();
        widgetSettings.orConflict();
        widget.store(o.id(), widgetSettings);
        db.sql("update organizations set name = ?, plan_id = ?, time_zone = ?, calendar_id = ?, tam_user_id = ?,"
                        + " backup_tam_user_id = ?, assign_to_tam = ?, share_health = ? where id = ?")
                .params(name, plan.id(), zone, calendar, tam, backup, assignToTam, shareHealth, o.id())
                .update();
        if (!java.util.Objects.equals(plan.id(), o.planId())
                || !java.util.Objects.equals(zone, o.timeZone())
                || !java.util.Objects.equals(calendar, o.calendarId())) {
            events.publishEvent(new AccountEvents.OrganizationTermsChanged(o.id()));
        }
        if (!java.util.Objects.equals(tam, o.tamUserId()))
            events.publishEvent(new AccountEvents.TamChanged(o.id(), o.tamUserId(), tam));
        return organization(o.id()).orElseThrow();
    }

    /**
     * The customer behind an email address, created on first contact (as a mail-in or an
     * agent's ticket on someone's behalf does). An existing staff address is refused.
     */
    @Transactional
    public User customerForEmail(String email, UUID organizationId) {
        Optional<User> existing = userByEmail(email);
        if (existing.isPresent()) return existing.get();
        String localPart = email.substring(0, email.indexOf('@'));
        User user = new User(
                UUID.randomUUID(),
                email,
                localPart,
                Role.CUSTOMER,
                organizationId,
                EnumSet.noneOf(Duty.class),
                "en",
                null,
                false,
                true,
                now());
        insert(user, null);
        return user;
    }

    /** A new password checked against the policy (null stays null: an account that cannot sign in). */
    private String password(Checks checks, String field, String value) {
        String password = checks.optionalText(field, value, PasswordPolicy.MAX_LENGTH);
        if (password == null) return null;
        String problem = passwordPolicy.problem(password);
        if (problem != null) {
            checks.add(field, problem);
            return null;
        }
        return password;
    }

    private void insert(User user, String passwordHash) {
        db.sql("insert into users (id, email, name, role, organization_id, duties, password_hash, language,"
                        + " time_zone, created_at) values (?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?)")
                .params(
                        user.id(),
                        user.email(),
                        user.name(),
                        user.role().wire(),
                        user.organizationId(),
                        "{"
                                + String.join(
                                        ",",
                                        user.duties().stream().map(Duty::wire).toList()) + "}",
                        passwordHash,
                        user.language(),
                        user.timeZone(),
                        ts(user.createdAt()))
                .update();
    }

    public Optional<User> user(UUID id) {
        return db.sql("select * from users where id = ?")
                .param(id)
                .query(Accounts::user)
                .optional();
    }

    /** The users with these ids, by id (one query: pages name a list's people at once). */
    public java.util.Map<UUID, User> users(java.util.Collection<UUID> ids) {
        java.util.Map<UUID, User> out = new java.util.HashMap<>();
        if (ids.isEmpty()) return out;
        db.sql("select * from users where id = any(?)")
                .param(ids.toArray(UUID[]::new))
                .query(Accounts::user)
                .list()
                .forEach(u -> out.put(u.id(), u));
        return out;
    }

    /** The organizations with these ids, by id (one query). */
    public java.util.Map<UUID, Organization> organizations(java.util.Collection<UUID> ids) {
        java.util.Map<UUID, Organization> out = new java.util.HashMap<>();
        if (ids.isEmpty()) return out;
        db.sql("select * from organizations where id = any(?)")
                .param(ids.toArray(UUID[]::new))
                .query(Accounts::organization)
                .list()
                .forEach(o -> out.put(o.id(), o));
        return out;
    }

    /** Active agents and admins, by name: who a ticket may be assigned to. */
    public List<User> activeStaff() {
        return db.sql("select * from users where role in ('agent', 'admin') and active order by name, id")
                .query(Accounts::user)
                .list();
    }

    public Optional<User> userByEmail(String email) {
        return db.sql("select * from users where lower(email) = lower(?)")
                .param(email)
                .query(Accounts::user)
                .optional();
    }

    public Page<User> users(Integer limit, String cursor, UUID organizationId) {
        int n = Cursor.limit(limit);
        Instant afterAt = Instant.EPOCH;
        UUID afterId = new UUID(0, 0);
        if (cursor != null) {
            List<String> k = Cursor.decode(cursor, 2);
            afterAt = Cursor.instant(k.get(0));
            afterId = Cursor.id(k.get(1));
        }
        List<User> rows = db.sql("select * from users where (cast(? as uuid) is null or organization_id = ?)"
                        + " and (created_at, id) > (?, ?) order by created_at, id limit ?")
                .params(organizationId, organizationId, ts(afterAt), afterId, n + 1)
                .query(Accounts::user)
                .list();
        return page(rows, n, u -> List.of(u.createdAt().toString(), u.id().toString()));
    }

    public List<User> escalationManagers() {
        return db.sql("select * from users where 'escalation_manager' = any(duties) order by created_at")
                .query(Accounts::user)
                .list();
    }

    public boolean hasUsers() {
        return db.sql("select exists(select 1 from users)").query(Boolean.class).single();
    }

    /**
     * The user with this email and password. Unknown emails still cost one hash check so
     * response times do not reveal which addresses have accounts. A hash of an older kind
     * ({@code {bcrypt}}) is replaced by a current one once the password has matched it.
     */
    public Optional<User> authenticate(String email, String password) {
        if (email == null || password == null) return Optional.empty();
        Optional<String> hash = db.sql("select password_hash from users where lower(email) = lower(?)")
                .param(email)
                .query(String.class)
                .optional();
        boolean ok = passwords.matches(password, hash.orElse(decoyHash)) && hash.isPresent();
        if (!ok) return Optional.empty();
        if (passwords.upgradeEncoding(hash.get())) {
            // only if nobody changed it meanwhile
            db.sql("update users set password_hash = ? where lower(email) = lower(?) and password_hash = ?")
                    .params(passwords.encode(password), email, hash.get())
                    .update();
        }
        // a deactivated user gets the same answer as a wrong password
        return userByEmail(email).filter(u -> isActive(u.id()));
    }

    // ---- groups

    @Transactional
    public Group createGroup(String rawName, List<String> rawMembers) {
        Checks checks = Checks.start();
        String name = checks.text("name", rawName, 200);
        Set<UUID> members = rawMembers == null ? new LinkedHashSet<>() : members(checks, rawMembers);
        if (name != null && groupByName(name).isPresent()) {
            checks.add("name", "a group named '" + name + "' exists already");
        }
        checks.orThrow();
        Group group = new Group(UUID.randomUUID(), name, List.copyOf(members), now());
        db.sql("insert into agent_groups (id, name, created_at) values (?, ?, ?)")
                .params(group.id(), group.name(), ts(group.createdAt()))
                .update();
        for (UUID m : members) {
            db.sql("insert into agent_group_members (group_id, user_id) values (?, ?)")
                    .params(group.id(), m)
                    .update();
        }
        return group;
    }

    /** Renames a group or replaces its members (what is given); tickets and ladders refer to it by id. */
    @Transactional
    public Group updateGroup(String idOrName, String rawName, List<String> rawMembers) {
        Group existing = group(idOrName).orElseThrow(() -> new NotFound("Group " + idOrName + " does not exist"));
        Checks checks = Checks.start();
        String name = rawName == null ? existing.name() : checks.text("name", rawName, 200);
        if (name != null) {
            groupByName(name)
                    .filter(g -> !g.id().equals(existing.id()))
                    .ifPresent(g -> checks.add("name", "a group named '" + g.name() + "' exists already"));
        }
        Set<UUID> members =
                rawMembers == null ? new LinkedHashSet<>(existing.memberIds()) : members(checks, rawMembers);
        checks.orThrow();
        db.sql("update agent_groups set name = ? where id = ?")
                .params(name, existing.id())
                .update();
        if (rawMembers != null) {
            db.sql("delete from agent_group_members where group_id = ?")
                    .param(existing.id())
                    .update();
            for (UUID m : members) {
                db.sql("insert into agent_group_members (group_id, user_id) values (?, ?)")
                        .params(existing.id(), m)
                        .update();
            }
        }
        return group(existing.id()).orElseThrow();
    }

    /** Deletes a group nothing refers to; else a 409 naming what uses it. */
    @Transactional
    public void deleteGroup(String idOrName) {
        Group existing = group(idOrName).orElseThrow(() -> new NotFound("Group " + idOrName + " does not exist"));
        references.requireUnused(References.Kind.GROUP, existing.id(), "Group " + existing.name());
        db.sql("delete from agent_groups where id = ?").param(existing.id()).update();
    }

    private Set<UUID> members(Checks checks, List<String> rawMembers) {
        Set<UUID> members = new LinkedHashSet<>();
        for (int i = 0; i < rawMembers.size(); i++) {
            String field = "memberIds[" + i + "]";
            UUID id = checks.optionalId(field, rawMembers.get(i));
            if (id == null) continue;
            Optional<User> u = user(id);
            if (u.isEmpty()) checks.add(field, "no user with id '" + id + "'");
            else if (!u.get().role().isStaff()) checks.add(field, "only agents and admins join groups");
            else members.add(id);
        }
        return members;
    }

    /** A group by id or unique name. */
    public Optional<Group> group(String idOrName) {
        try {
            return group(UUID.fromString(idOrName));
        } catch (IllegalArgumentException e) {
            return groupByName(idOrName);
        }
    }

    public Optional<Group> group(UUID id) {
        return db.sql("select * from agent_groups where id = ?")
                .param(id)
                .query((rs, i) -> group(rs))
                .optional();
    }

    private Optional<Group> groupByName(String name) {
        return db.sql("select * from agent_groups where lower(name) = lower(?)")
                .param(name)
                .query((rs, i) -> group(rs))
                .optional();
    }

    public List<Group> groups() {
        return db.sql("select * from agent_groups order by name")
                .query((rs, i) -> group(rs))
                .list();
    }

    private Group group(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        List<UUID> members = db.sql("select user_id from agent_group_members where group_id = ? order by user_id")
                .param(id)
                .query(UUID.class)
                .list();
        return new Group(
                id, rs.getString("name"), members, rs.getTimestamp("created_at").toInstant());
    }

    // ---- plans

    /** A new plan holding customers to a policy (the caller checked that the policy exists). */
    @Transactional
    public Plan createPlan(String rawName, UUID policyId) {
        return createPlan(rawName, policyId, false);
    }

    /** A new plan holding customers to a policy, with or without the TAM add-on. */
    @Transactional
    public Plan createPlan(String rawName, UUID policyId, boolean tam) {
        Checks checks = Checks.start();
        String name = checks.text("name", rawName, 200);
        if (name != null && plan(name).isPresent()) checks.add("name", "a plan named '" + name + "' exists already");
        checks.orThrow();
        Plan plan = new Plan(UUID.randomUUID(), name, policyId, tam);
        db.sql("insert into plans (id, name, policy_id, tam, created_at) values (?, ?, ?, ?, ?)")
                .params(plan.id(), plan.name(), plan.policyId(), tam, ts(now()))
                .update();
        return plan;
    }

    /** A plan by id or unique name ("Pro"). */
    public Optional<Plan> plan(String idOrName) {
        try {
            return plan(UUID.fromString(idOrName));
        } catch (IllegalArgumentException e) {
            return db.sql("select * from plans where lower(name) = lower(?)")
                    .param(idOrName)
                    .query(Accounts::plan)
                    .optional();
        }
    }

    /** The organizations on a plan. */
    public List<UUID> organizationsOnPlan(UUID planId) {
        return db.sql("select id from organizations where plan_id = ? order by id")
                .param(planId)
                .query(UUID.class)
                .list();
    }

    public Optional<Plan> plan(UUID id) {
        return db.sql("select * from plans where id = ?")
                .param(id)
                .query(Accounts::plan)
                .optional();
    }

    /**
     * Renames a plan or moves it to another policy (the caller checked the policy exists);
     * organizations refer to it by id. A policy change is published so clocks follow it.
     */
    @Transactional
    public Plan updatePlan(String idOrName, String rawName, UUID policyId, Boolean rawTam) {
        Plan existing = plan(idOrName).orElseThrow(() -> new NotFound("Plan " + idOrName + " does not exist"));
        Checks checks = Checks.start();
        boolean tam = rawTam == null ? existing.tam() : rawTam;
        if (existing.tam() && !tam) {
            List<String> named = db.sql("select name from organizations where plan_id = ? and"
                            + " (tam_user_id is not null or backup_tam_user_id is not null) order by name limit 5")
                    .param(existing.id())
                    .query(String.class)
                    .list();
            if (!named.isEmpty())
                checks.add(
                        "tam",
                        "organizations on this plan name a TAM (" + String.join(", ", named)
                                + "); clear their tamUserId and backupTamUserId first");
        }
        String name = rawName == null ? existing.name() : checks.text("name", rawName, 200);
        if (name != null) {
            plan(name)
                    .filter(p -> !p.id().equals(existing.id()))
                    .ifPresent(p -> checks.add("name", "a plan named '" + p.name() + "' exists already"));
        }
        checks.orThrow();
        UUID policy = policyId == null ? existing.policyId() : policyId;
        db.sql("update plans set name = ?, policy_id = ?, tam = ? where id = ?")
                .params(name, policy, tam, existing.id())
                .update();
        Plan plan = new Plan(existing.id(), name, policy, tam);
        events.publishEvent(new PlanChanged(plan.id(), existing.policyId(), policy));
        return plan;
    }

    /** Deletes a plan no organization is on; else a 409 naming them. */
    @Transactional
    public void deletePlan(String idOrName) {
        Plan existing = plan(idOrName).orElseThrow(() -> new NotFound("Plan " + idOrName + " does not exist"));
        if (existing.id().equals(Plan.PRO)) throw new Conflict("The Pro plan is built in and cannot be deleted");
        references.requireUnused(References.Kind.PLAN, existing.id(), "Plan " + existing.name());
        db.sql("delete from plans where id = ?").param(existing.id()).update();
    }

    public List<Plan> plans() {
        return db.sql("select * from plans order by name").query(Accounts::plan).list();
    }

    // ---- helpers

    private static String validZone(Checks checks, String field, String zone) {
        if (zone == null) return null;
        try {
            // an IANA region such as Asia/Taipei (or UTC), not a fixed offset that ignores daylight saving
            if (!ZoneId.getAvailableZoneIds().contains(zone)) throw new DateTimeException(zone);
            return ZoneId.of(zone).getId();
        } catch (DateTimeException e) {
            checks.add(field, "'" + zone + "' is not an IANA time zone such as Asia/Taipei");
            return null;
        }
    }

    private Instant now() {
        // milliseconds: the API's precision, kept exactly by PostgreSQL, so what we return equals what we read back
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    private static <T> Page<T> page(List<T> rows, int n, java.util.function.Function<T, List<String>> key) {
        if (rows.size() <= n) return new Page<>(rows, null);
        List<T> items = new ArrayList<>(rows.subList(0, n));
        return new Page<>(items, Cursor.encode(key.apply(items.get(n - 1))));
    }

    private static java.sql.Timestamp ts(Instant i) {
        return java.sql.Timestamp.from(i);
    }

    private static Organization organization(ResultSet rs, int i) throws SQLException {
        return new Organization(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getObject("plan_id", UUID.class),
                rs.getString("time_zone"),
                rs.getObject("calendar_id", UUID.class),
                rs.getObject("tam_user_id", UUID.class),
                rs.getObject("backup_tam_user_id", UUID.class),
                rs.getBoolean("assign_to_tam"),
                rs.getBoolean("share_health"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("external_id"),
                List.of((String[]) rs.getArray("widget_origins").getArray()));
    }

    private static User user(ResultSet rs, int i) throws SQLException {
        Set<Duty> duties = EnumSet.noneOf(Duty.class);
        Array arr = rs.getArray("duties");
        if (arr != null) {
            for (String d : (String[]) arr.getArray()) duties.add(Duty.valueOf(d.toUpperCase(Locale.ROOT)));
        }
        return new User(
                rs.getObject("id", UUID.class),
                rs.getString("email"),
                rs.getString("name"),
                Role.valueOf(rs.getString("role").toUpperCase(Locale.ROOT)),
                rs.getObject("organization_id", UUID.class),
                duties,
                rs.getString("language"),
                rs.getString("time_zone"),
                rs.getBoolean("away"),
                rs.getBoolean("active"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static Plan plan(ResultSet rs, int i) throws SQLException {
        return new Plan(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getObject("policy_id", UUID.class),
                rs.getBoolean("tam"));
    }
}
