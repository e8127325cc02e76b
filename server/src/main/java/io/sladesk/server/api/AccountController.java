package io.sladesk.server.api;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.Actor;
import io.sladesk.server.account.NewOrganization;
import io.sladesk.server.account.NewUser;
import io.sladesk.server.platform.Checks;
import io.sladesk.server.platform.Cursor;
import io.sladesk.server.platform.Page;
import io.sladesk.server.platform.Problems.Forbidden;
import io.sladesk.server.platform.Problems.NotFound;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Organizations, users, groups and plans: configured by admins, read by staff. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Accounts")
class AccountController {
    private final Accounts accounts;
    private final io.sladesk.server.platform.Audit auditLog;
    private final io.sladesk.server.account.WidgetSettings widgetSettings;
    private final java.time.Clock clock;

    AccountController(
            Accounts accounts,
            io.sladesk.server.platform.Audit auditLog,
            io.sladesk.server.account.WidgetSettings widgetSettings,
            java.time.Clock clock) {
        this.accounts = accounts;
        this.auditLog = auditLog;
        this.widgetSettings = widgetSettings;
        this.clock = clock;
    }

    record OrganizationRequest(
            String name,
            String plan,
            String timeZone,
            String calendarId,
            String tamUserId,
            String backupTamUserId,
            Boolean assignToTam,
            Boolean shareHealth,
            String externalId,
            List<String> widgetOrigins,
            @JsonAnySetter @Schema(hidden = true) Map<String, Object> unknown)
            implements StrictBody {}

    /** A partial change: a field left out is kept; {@code null} clears the calendar, the TAM or the backup. */
    record OrganizationPatch(
            String name,
            String plan,
            String timeZone,
            tools.jackson.databind.JsonNode calendarId,
            tools.jackson.databind.JsonNode tamUserId,
            tools.jackson.databind.JsonNode backupTamUserId,
            Boolean assignToTam,
            Boolean shareHealth,
            tools.jackson.databind.JsonNode externalId,
            List<String> widgetOrigins,
            @JsonAnySetter @Schema(hidden = true) Map<String, Object> unknown)
            implements StrictBody {}

    record UserRequest(
            String email,
            String name,
            String role,
            String organizationId,
            String password,
            List<String> duties,
            String language,
            String timeZone) {}

    record GroupRequest(
            String name,
            List<String> memberIds,
            @JsonAnySetter @Schema(hidden = true) Map<String, Object> unknown) implements StrictBody {}

    @PostMapping("/organizations")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    ResponseEntity<Views.OrganizationView> createOrganization(
            @AuthenticationPrincipal Actor actor, @RequestBody OrganizationRequest body) {
        requireAdmin(actor);
        var org = accounts.createOrganization(new NewOrganization(
                body.name(),
                body.plan(),
                body.timeZone(),
                body.calendarId(),
                body.tamUserId(),
                body.backupTamUserId(),
                body.assignToTam(),
                body.shareHealth(),
                body.externalId(),
                body.widgetOrigins()));
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + org.id()))
                .body(Views.OrganizationView.of(org));
    }

    @GetMapping("/organizations")
    Views.PageView<Views.OrganizationView> organizations(
            @AuthenticationPrincipal Actor actor,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        requireStaff(actor);
        return page(accounts.organizations(limit, cursor), Views.OrganizationView::of);
    }

    @GetMapping("/organizations/{id}")
    Views.OrganizationView organization(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
        // by id or unique name, as bodies name organizations
        return accounts.organization(id)
                .filter(o -> actor.canSee(o.id()))
                .map(Views.OrganizationView::of)
                .orElseThrow(() -> new NotFound("Organization " + id + " does not exist"));
    }

    @org.springframework.web.bind.annotation.PatchMapping("/users/{id}")
    @io.swagger.v3.oas.annotations.Operation(
            summary = "Change a user (admin: anything, active=false deactivates; a user: own name, language,"
                    + " time zone, password with oldPassword)")
    Views.UserView patchUser(
            @AuthenticationPrincipal Actor actor,
            @PathVariable String id,
            @RequestBody io.sladesk.server.account.UserChange body) {
        return Views.UserView.of(accounts.updateUser(actor, id(id), body));
    }

    @org.springframework.web.bind.annotation.PatchMapping("/organizations/{id}")
    @io.swagger.v3.oas.annotations.Operation(
            summary = "Change an organization; a new plan, time zone or calendar retargets its open clocks")
    Views.OrganizationView patchOrganization(
            @AuthenticationPrincipal Actor actor, @PathVariable String id, @RequestBody OrganizationPatch body) {
        requireAdmin(actor);
        return Views.OrganizationView.of(accounts.updateOrganization(
                id,
                new io.sladesk.server.account.OrganizationChange(
                        body.name(),
                        body.plan(),
                        body.timeZone(),
                        clearable(body.calendarId(), "calendarId"),
                        clearable(body.tamUserId(), "tamUserId"),
                        clearable(body.backupTamUserId(), "backupTamUserId"),
                        body.assignToTam(),
                        body.shareHealth(),
                        clearable(body.externalId(), "externalId"),
                        body.widgetOrigins())));
    }

    record WidgetSecretView(String secret, String createdAt, String previousValidUntil) {}

    @PostMapping("/organizations/{id}/widget-secret")
    @io.swagger.v3.oas.annotations.Operation(
            summary = "Make a new widget secret (admin): answered once; the previous one verifies for 24 hours more")
    WidgetSecretView newWidgetSecret(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
        requireAdmin(actor);
        var org = accounts.organization(id).orElseThrow(() -> new NotFound("Organization " + id + " does not exist"));
        boolean had = widgetSettings.hasSecret(org.id());
        String secret = widgetSettings.newSecret(org.id());
        java.time.Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        return new WidgetSecretView(
                secret,
                Views.instant(now),
                had ? Views.instant(now.plus(io.sladesk.server.account.WidgetSettings.OVERLAP)) : null);
    }

    /** A field a change may clear: left out (null), sent as null (empty), or a string. */
    static java.util.Optional<String> clearable(tools.jackson.databind.JsonNode value, String field) {
        if (value == null) return null;
        if (value.isNull()) return java.util.Optional.empty();
        if (value.isString()) return java.util.Optional.of(value.asString());
        throw new io.sladesk.server.platform.Problems.InvalidInput(field, "must be a string id, or null to clear it");
    }

    record AuditView(String at, String actor, String action, String subjectType, String subjectId, Object changes) {}

    @GetMapping("/audit")
    @io.swagger.v3.oas.annotations.Operation(summary = "Who changed what, when: configuration and accounts (admin)")
    Views.PageView<AuditView> audit(
            @AuthenticationPrincipal Actor actor,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        requireAdmin(actor);
        int n = Cursor.limit(limit);
        Long before = null;
        if (cursor != null) {
            try {
                before = Long.parseLong(Cursor.decode(cursor, 1).get(0));
                if (before < 1) throw new NumberFormatException("audit entries are numbered from 1");
            } catch (NumberFormatException e) {
                throw new io.sladesk.server.platform.Problems.InvalidInput(
                        "cursor", "is not a cursor this list handed out");
            }
        }
        List<io.sladesk.server.platform.Audit.Entry> rows = auditLog.list(n + 1, before);
        List<io.sladesk.server.platform.Audit.Entry> page = rows.size() > n ? rows.subList(0, n) : rows;
        return new Views.PageView<>(
                page.stream()
                        .map(e -> new AuditView(
                                e.at().toString(),
                                Views.str(e.actorId()),
                                e.action(),
                                e.subjectType(),
                                e.subjectId(),
                                e.changes()))
                        .toList(),
                rows.size() > n
                        ? Cursor.encode(List.of(Long.toString(page.get(n - 1).seq())))
                        : null);
    }

    @PostMapping("/users")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    ResponseEntity<Views.UserView> createUser(@AuthenticationPrincipal Actor actor, @RequestBody UserRequest body) {
        requireAdmin(actor);
        var user = accounts.createUser(new NewUser(
                body.email(),
                body.name(),
                body.role(),
                body.organizationId(),
                body.password(),
                body.duties(),
                body.language(),
                body.timeZone()));
        return ResponseEntity.created(URI.create("/api/v1/users/" + user.id())).body(Views.UserView.of(user));
    }

    @GetMapping("/users")
    Views.PageView<Views.UserView> users(
            @AuthenticationPrincipal Actor actor,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String organizationId) {
        requireStaff(actor);
        Checks checks = Checks.start();
        UUID org = checks.optionalId("organizationId", organizationFilter(accounts, actor, organizationId));
        checks.orThrow();
        return page(accounts.users(limit, cursor, org), Views.UserView::of);
    }

    @GetMapping("/users/{id}")
    Views.UserView user(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
        return accounts.user(id(id))
                .filter(u -> actor.isStaff() || u.id().equals(actor.userId()))
                .map(Views.UserView::of)
                .orElseThrow(() -> new NotFound("User " + id + " does not exist"));
    }

    @PostMapping("/groups")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    ResponseEntity<Views.GroupView> createGroup(@AuthenticationPrincipal Actor actor, @RequestBody GroupRequest body) {
        requireAdmin(actor);
        var group = accounts.createGroup(body.name(), body.memberIds());
        return ResponseEntity.created(URI.create("/api/v1/groups/" + group.id()))
                .body(Views.GroupView.of(group));
    }

    @GetMapping("/groups")
    Views.PageView<Views.GroupView> groups(
            @AuthenticationPrincipal Actor actor,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        requireStaff(actor);
        return page(Cursor.slice(accounts.groups(), limit, cursor), Views.GroupView::of);
    }

    @GetMapping("/groups/{id}")
    Views.GroupView group(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
        requireStaffOrHide(actor, "Group", id);
        return accounts.group(id)
                .map(Views.GroupView::of)
                .orElseThrow(() -> new NotFound("Group " + id + " does not exist"));
    }

    @org.springframework.web.bind.annotation.PatchMapping("/groups/{id}")
    @io.swagger.v3.oas.annotations.Operation(
            summary = "Rename a group or replace its members; tickets and ladders refer to it by id")
    Views.GroupView patchGroup(
            @AuthenticationPrincipal Actor actor, @PathVariable String id, @RequestBody GroupRequest body) {
        requireAdmin(actor);
        return Views.GroupView.of(accounts.updateGroup(id, body.name(), body.memberIds()));
    }

    @org.springframework.web.bind.annotation.DeleteMapping("/groups/{id}")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NO_CONTENT)
    @io.swagger.v3.oas.annotations.Operation(summary = "Delete a group nothing uses (else 409 naming what does)")
    ResponseEntity<Void> deleteGroup(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
        requireAdmin(actor);
        accounts.deleteGroup(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/plans")
    Views.PageView<Views.PlanView> plans(
            @AuthenticationPrincipal Actor actor,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        requireStaff(actor);
        return page(Cursor.slice(accounts.plans(), limit, cursor), Views.PlanView::of);
    }

    @GetMapping("/plans/{id}")
    Views.PlanView plan(@AuthenticationPrincipal Actor actor, @PathVariable String id) {
        requireStaffOrHide(actor, "Plan", id);
        return accounts.plan(id)
                .map(Views.PlanView::of)
                .orElseThrow(() -> new NotFound("Plan " + id + " does not exist"));
    }

    /**
     * An organization filter as a query gives it: an id as it is, a name (as bodies may
     * give) resolved to the id of an organization the caller may see, or a 400 naming the
     * parameter.
     */
    static String organizationFilter(Accounts accounts, Actor actor, String idOrName) {
        if (idOrName == null || io.sladesk.server.platform.Ids.parse(idOrName).isPresent()) return idOrName;
        return accounts.organization(idOrName)
                .filter(o -> actor.canSee(o.id()))
                .map(o -> o.id().toString())
                .orElseThrow(() -> new io.sladesk.server.platform.Problems.InvalidInput(
                        "organizationId", "no organization with id or name '" + idOrName + "'"));
    }

    static <T, V> Views.PageView<V> page(Page<T> page, Function<T, V> view) {
        return new Views.PageView<>(page.items().stream().map(view).toList(), page.next());
    }

    static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) throw new Forbidden("Only admins may change the configuration");
    }

    private static void requireStaff(Actor actor) {
        if (!actor.isStaff()) throw new Forbidden("Only agents and admins may list this");
    }

    /** Customers have no business with staff resources: to them these do not exist. */
    private static void requireStaffOrHide(Actor actor, String what, String id) {
        if (!actor.isStaff()) throw new NotFound(what + " " + id + " does not exist");
    }

    private static UUID id(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            return new UUID(0, 0); // matches nothing: a malformed id is simply unknown (404)
        }
    }
}
