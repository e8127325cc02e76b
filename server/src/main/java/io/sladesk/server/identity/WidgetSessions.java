package io.sladesk.server.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.NewUser;
import io.sladesk.server.account.User;
import io.sladesk.server.account.WidgetSettings;
import io.sladesk.server.identity.WidgetRefused.Reason;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The widget's signed identity: a host product's backend signs a short JWT (HS256, with its
 * organization's widget secret) naming its signed-in user; {@link #open} checks it with
 * Nimbus JOSE+JWT and answers a short-lived bearer token of that user as a customer of the
 * organization, creating the customer on first use. Time comes from the injected clock
 * (Nimbus's own claim checks use the wall clock, so the claims are checked here).
 */
@Service
public class WidgetSessions {
    /** The channel of the tokens handed out here (their tickets get channel widget). */
    public static final String CHANNEL = "widget";
    /** How far ahead of its iat (and of now) a token's exp may lie. */
    public static final Duration MAX_LIFETIME = Duration.ofMinutes(10);
    /** Clocks of the host and the desk may differ this much. */
    static final Duration SKEW = Duration.ofSeconds(30);

    private static final List<String> REQUIRED = List.of("org", "email", "name", "iat", "exp", "jti");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    private final JdbcClient db;
    private final Accounts accounts;
    private final WidgetSettings settings;
    private final Tokens tokens;
    private final Clock clock;
    private final Duration sessionLifetime;

    WidgetSessions(
            JdbcClient db,
            Accounts accounts,
            WidgetSettings settings,
            Tokens tokens,
            Clock clock,
            @Value("${sladesk.widget.session-lifetime:PT1H}") Duration sessionLifetime) {
        this.db = db;
        this.accounts = accounts;
        this.settings = settings;
        this.tokens = tokens;
        this.clock = clock;
        this.sessionLifetime = sessionLifetime;
    }

    /** A widget session: the bearer token, when it ends, and whom it acts as. */
    public record Session(String token, Instant expiresAt, User user) {}

    /**
     * The session a host's identity token opens; else {@link WidgetRefused} saying why. A
     * token is used once: its jti is kept until its exp, in a table every server shares.
     */
    @Transactional
    public Session open(String token) {
        if (token == null || token.isBlank())
            throw refused(
                    Reason.MALFORMED, "token", "Send the identity token your backend signed: {\"token\": \"<JWT>\"}");
        if (token.length() > 8_192) throw refused(Reason.MALFORMED, "token", "The token is longer than 8 KB");
        JWT jwt;
        try {
            jwt = JWTParser.parse(token.strip());
        } catch (ParseException e) {
            throw refused(Reason.MALFORMED, null, "The token is not a JWT (header.payload.signature)");
        }
        if (!(jwt instanceof SignedJWT signed)
                || !JWSAlgorithm.HS256.equals(signed.getHeader().getAlgorithm()))
            throw refused(
                    Reason.WRONG_ALGORITHM,
                    null,
                    "The token must be signed with HS256 and the organization's widget secret; its alg is "
                            + jwt.getHeader().getAlgorithm());
        JWTClaimsSet claims;
        try {
            claims = signed.getJWTClaimsSet();
        } catch (ParseException e) {
            throw refused(Reason.MALFORMED, null, "The token's payload is not a JSON claims set");
        }
        // the organization names the key, so it is read before the signature is checked
        String org = string(claims, "org");
        if (org == null) throw missing("org");
        UUID organizationId = settings.organizationByExternalId(org)
                .orElseThrow(() -> refused(
                        Reason.UNKNOWN_ORGANIZATION, "org", "No organization has the external id '" + org + "'"));
        if (!verifies(signed, settings.liveSecrets(organizationId)))
            throw refused(
                    Reason.FORGED_SIGNATURE,
                    null,
                    "The signature does not match the widget secret of '" + org
                            + "' (nor the one it replaced, within 24 hours of the change)");
        for (String name : REQUIRED) if (claims.getClaim(name) == null) throw missing(name);
        Instant now = clock.instant();
        Instant exp = instant(claims, "exp");
        Instant iat = instant(claims, "iat");
        if (!exp.isAfter(now.minus(SKEW))) throw refused(Reason.EXPIRED, "exp", "The token expired at " + exp);
        if (iat.isAfter(now.plus(SKEW)))
            throw refused(Reason.NOT_YET_VALID, "iat", "The token is issued in the future (" + iat + ")");
        if (Duration.between(iat, exp).compareTo(MAX_LIFETIME) > 0
                || Duration.between(now, exp).compareTo(MAX_LIFETIME.plus(SKEW)) > 0)
            throw refused(
                    Reason.EXPIRY_TOO_FAR,
                    "exp",
                    "exp lies more than 10 minutes after iat (or now): make tokens for one sign-in, just before it");
        String email = string(claims, "email");
        if (email == null
                || email.length() > 254
                || !EMAIL.matcher(email.strip()).matches())
            throw refused(Reason.INVALID_CLAIM, "email", "email must be an email address");
        String name = string(claims, "name");
        if (name == null || name.isBlank() || name.length() > 200)
            throw refused(Reason.INVALID_CLAIM, "name", "name must be a text of 1 to 200 characters");
        String jti = string(claims, "jti");
        if (jti == null || jti.isBlank() || jti.length() > 200)
            throw refused(Reason.INVALID_CLAIM, "jti", "jti must be a text of 1 to 200 characters, new for each token");
        // expired uses are forgotten as new ones come: none can be replayed after its exp anyway
        db.sql("delete from widget_token_uses where expires_at < ?")
                .param(Timestamp.from(now.minus(SKEW)))
                .update();
        int fresh = db.sql("insert into widget_token_uses (organization_id, jti, expires_at) values (?, ?, ?)"
                        + " on conflict do nothing")
                .params(organizationId, jti, Timestamp.from(exp))
                .update();
        if (fresh == 0)
            throw refused(Reason.REPLAYED, "jti", "This token (jti '" + jti + "') was used already; make a new one");
        User user = customer(email.strip().toLowerCase(java.util.Locale.ROOT), name.strip(), organizationId);
        Tokens.Issued issued = tokens.issue(user.id(), sessionLifetime, CHANNEL);
        return new Session(issued.token(), issued.expiresAt(), user);
    }

    /**
     * The customer the token names. An organization speaks only for its own customers: an
     * address of a staff member or of another organization's customer is refused, never
     * taken over (the host's secret would otherwise mint an agent's or a stranger's token).
     */
    private User customer(String email, String name, UUID organizationId) {
        Optional<User> existing = accounts.userByEmail(email);
        if (existing.isEmpty()) {
            try {
                return accounts.createUser(
                        new NewUser(email, name, "customer", organizationId.toString(), null, List.of(), "en"));
            } catch (io.sladesk.server.platform.Problems.InvalidInput e) {
                // what the accounts refuse of a new user is a claim of the token (email or name)
                String field = e.errors().get(0).field();
                throw refused(Reason.INVALID_CLAIM, field, "The token's " + e.getMessage());
            }
        }
        User u = existing.get();
        if (u.role().isStaff())
            throw refused(
                    Reason.STAFF_EMAIL,
                    "email",
                    email + " belongs to a staff user of this desk; the widget signs in customers only");
        if (!organizationId.equals(u.organizationId()))
            throw refused(
                    Reason.OTHER_ORGANIZATION,
                    "email",
                    email
                            + " belongs to a customer of another organization; an organization signs in its own users only");
        if (!accounts.isActive(u.id()))
            throw refused(Reason.DEACTIVATED, "email", email + " is deactivated on this desk");
        return u;
    }

    private static boolean verifies(SignedJWT jwt, List<String> secrets) {
        for (String secret : secrets) {
            try {
                if (jwt.verify(new MACVerifier(secret.getBytes(StandardCharsets.UTF_8)))) return true;
            } catch (JOSEException e) {
                // a key Nimbus refuses (never one made by WidgetSettings) verifies nothing
            }
        }
        return false;
    }

    private static String string(JWTClaimsSet claims, String name) {
        Object v = claims.getClaim(name);
        if (v == null) return null;
        if (!(v instanceof String s)) throw refused(Reason.INVALID_CLAIM, name, name + " must be a string");
        return s;
    }

    private static Instant instant(JWTClaimsSet claims, String name) {
        try {
            Date d = claims.getDateClaim(name);
            if (d == null) throw missing(name);
            return d.toInstant();
        } catch (ParseException e) {
            throw refused(Reason.INVALID_CLAIM, name, name + " must be a number of seconds since 1970 (NumericDate)");
        }
    }

    private static WidgetRefused missing(String claim) {
        return refused(Reason.MISSING_CLAIM, claim, "The token has no '" + claim + "' claim");
    }

    private static WidgetRefused refused(Reason reason, String claim, String message) {
        return new WidgetRefused(reason, claim, message);
    }
}
