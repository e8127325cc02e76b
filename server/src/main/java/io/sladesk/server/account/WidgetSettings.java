package io.sladesk.server.account;

import io.sladesk.server.platform.Checks;
import io.sladesk.server.platform.Problems.Conflict;
import io.sladesk.server.platform.Problems.NotFound;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An organization's in-app widget settings: the external id the host product names it by,
 * the host origins allowed to embed the widget, and the widget secret the host signs its
 * users' identity tokens with. The previous secret keeps verifying for {@link #OVERLAP}
 * after a new one is made, so a host can roll its servers over without a gap.
 */
@Service
public class WidgetSettings {
    /** How long the replaced secret keeps verifying tokens. */
    public static final Duration OVERLAP = Duration.ofHours(24);

    static final int MAX_ORIGINS = 20;
    private static final Pattern EXTERNAL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** scheme://host[:port], nothing else: no path, no query, no wildcard, no trailing slash. */
    private static final Pattern ORIGIN = Pattern.compile(
            "(https?)://([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*"
                    + "|\\[[0-9a-f:.]+\\])(?::([0-9]{1,5}))?",
            Pattern.CASE_INSENSITIVE);

    private final JdbcClient db;
    private final Clock clock;
    private final SecretSealing sealing;
    private final SecureRandom random = new SecureRandom();

    WidgetSettings(JdbcClient db, Clock clock, SecretSealing sealing) {
        this.db = db;
        this.clock = clock;
        this.sealing = sealing;
    }

    /** What a create or change asks of the widget settings, checked; null fields are left as they are. */
    record Checked(boolean setsExternalId, String externalId, List<String> origins, String takenBy) {
        /** After the request's other checks passed: an external id another organization uses is a 409. */
        void orConflict() {
            if (takenBy != null)
                throw new Conflict("externalId '" + externalId + "' is used by another organization (" + takenBy + ")");
        }
    }

    /**
     * Checks a requested external id (null: not asked; empty: clear it) and origins (null:
     * not asked) for the organization {@code self} (null when it is being created). A bad
     * value is a problem on its field; an external id another organization uses is a 409.
     */
    Checked check(Checks checks, Optional<String> externalId, List<String> origins, UUID self) {
        String id = null;
        if (externalId != null && externalId.isPresent()) {
            id = externalId.get().strip();
            if (!EXTERNAL_ID.matcher(id).matches()) {
                checks.add(
                        "externalId",
                        "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"
                                + " (the host names the organization by it in data-sladesk-org and the token's org)");
                id = null;
            }
        }
        List<String> normal = origins == null ? null : origins(checks, origins);
        String takenBy = null;
        if (id != null) {
            takenBy = db.sql("select name from organizations where lower(external_id) = lower(?) and id <> ?")
                    .params(id, self == null ? new UUID(0, 0) : self)
                    .query(String.class)
                    .optional()
                    .orElse(null);
        }
        return new Checked(externalId != null && checks.ok("externalId"), id, normal, takenBy);
    }

    /** The origins as browsers write them (lower case, no default port), each checked. */
    private static List<String> origins(Checks checks, List<String> raw) {
        if (raw.size() > MAX_ORIGINS) {
            checks.add("widgetOrigins", "at most " + MAX_ORIGINS + " origins");
            return List.of();
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String field = "widgetOrigins[" + i + "]";
            String o = raw.get(i);
            String normal = o == null ? null : origin(o.strip());
            if (normal == null)
                checks.add(
                        field,
                        "'" + o + "' is not an origin: scheme://host[:port] with http or https, no path or"
                                + " trailing slash (e.g. https://app.example.com)");
            else out.add(normal);
        }
        return List.copyOf(out);
    }

    /** An origin in the form a browser serializes it (what {@code event.origin} says), or null. */
    static String origin(String raw) {
        Matcher m = ORIGIN.matcher(raw);
        if (!m.matches()) return null;
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String host = m.group(2).toLowerCase(Locale.ROOT);
        String port = m.group(3);
        if (port != null) {
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65_535) return null;
            // a browser leaves the scheme's own port out of an origin
            if ((scheme.equals("https") && p == 443) || (scheme.equals("http") && p == 80)) port = null;
            else port = Integer.toString(p);
        }
        return scheme + "://" + host + (port == null ? "" : ":" + port);
    }

    /** Stores what {@link #check} let through (in the caller's transaction). */
    void store(UUID organizationId, Checked checked) {
        if (checked.setsExternalId())
            db.sql("update organizations set external_id = ? where id = ?")
                    .params(checked.externalId(), organizationId)
                    .update();
        if (checked.origins() != null)
            db.sql("update organizations set widget_origins = ?::text[] where id = ?")
                    .params(checked.origins().toArray(String[]::new), organizationId)
                    .update();
    }

    /** The organization a host names by this external id (exactly as set). */
    public Optional<UUID> organizationByExternalId(String externalId) {
        if (externalId == null || !EXTERNAL_ID.matcher(externalId).matches()) return Optional.empty();
        return db.sql("select id from organizations where external_id = ?")
                .param(externalId)
                .query(UUID.class)
                .optional();
    }

    /**
     * A new widget secret for the organization, answered once: 256 random bits, written
     * {@code sdw_<base64url>}; a host uses the whole string as its HS256 key. The secret it
     * replaces keeps verifying for {@link #OVERLAP}; any older one stops at once.
     */
    @Transactional
    public String newSecret(UUID organizationId) {
        // the row lock orders two rotations of one organization
        db.sql("select id from organizations where id = ? for update")
                .param(organizationId)
                .query(UUID.class)
                .optional()
                .orElseThrow(() -> new NotFound("Organization " + organizationId + " does not exist"));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        db.sql("update widget_secrets set valid_until = ? where organization_id = ? and valid_until > ?")
                .params(Timestamp.from(now), organizationId, Timestamp.from(now))
                .update();
        db.sql("update widget_secrets set valid_until = ? where organization_id = ? and valid_until is null")
                .params(Timestamp.from(now.plus(OVERLAP)), organizationId)
                .update();
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = "sdw_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        db.sql("insert into widget_secrets (id, organization_id, secret, created_at) values (?, ?, ?, ?)")
                .params(UUID.randomUUID(), organizationId, sealing.seal(organizationId, secret), Timestamp.from(now))
                .update();
        return secret;
    }

    /** The secrets that verify the organization's tokens now: the current one first, then the one it replaced. */
    public List<String> liveSecrets(UUID organizationId) {
        return new ArrayList<>(db.sql(
                        "select secret from widget_secrets where organization_id = ?"
                                + " and (valid_until is null or valid_until > ?) order by valid_until is not null, created_at desc")
                .params(organizationId, Timestamp.from(clock.instant()))
                .query(String.class)
                .list());
    }

    /** Whether the organization has made a widget secret (the answer never carries it). */
    public boolean hasSecret(UUID organizationId) {
        return db.sql("select exists(select 1 from widget_secrets where organization_id = ? and valid_until is null)")
                .param(organizationId)
                .query(Boolean.class)
                .single();
    }
}
