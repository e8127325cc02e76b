package io.sladesk.server.web;

import io.sladesk.server.account.Accounts;
import io.sladesk.server.account.Actor;
import io.sladesk.server.account.User;
import io.sladesk.server.account.UserChange;
import io.sladesk.server.timeline.Languages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The page language: the one a user chose (kept as their {@code language}, with a note that
 * they chose it), else the one chosen in this session, else the browser's
 * {@code Accept-Language} (any Chinese reads Traditional Chinese), else English.
 */
@Component
class PageLanguages {
    static final String SESSION = "sladesk.language";
    static final Locale ZH_TW = Locale.forLanguageTag("zh-TW");

    private final JdbcClient db;
    private final Accounts accounts;
    private final Clock clock;

    PageLanguages(JdbcClient db, Accounts accounts, Clock clock) {
        this.db = db;
        this.accounts = accounts;
        this.clock = clock;
    }

    static boolean known(String language) {
        return "en".equals(language) || "zh-TW".equals(language);
    }

    static Locale locale(String language) {
        return "zh-TW".equals(language) ? ZH_TW : Locale.ENGLISH;
    }

    String of(HttpServletRequest request, User user) {
        // a language other than the default was chosen (here, through the API or by an admin)
        if (user != null && (!"en".equals(user.language()) || chose(user.id()))) return user.language();
        HttpSession session = request.getSession(false);
        Object chosen = session == null ? null : session.getAttribute(SESSION);
        if (chosen instanceof String s && known(s)) return s;
        String accept = request.getHeader("Accept-Language");
        if (accept == null || accept.isBlank()) return user == null ? "en" : user.language();
        return Languages.pick(accept, user == null ? null : user.language());
    }

    private boolean chose(UUID userId) {
        return db.sql("select exists(select 1 from page_language_choices where user_id = ?)")
                .param(userId)
                .query(Boolean.class)
                .single();
    }

    /** Remembers a choice: in the session, and for a signed-in user on their account. */
    @Transactional
    void choose(HttpServletRequest request, Actor actor, String language) {
        request.getSession(true).setAttribute(SESSION, language);
        if (actor == null) return;
        accounts.updateUser(
                actor, actor.userId(), new UserChange(null, null, language, null, null, null, null, null, null));
        db.sql("insert into page_language_choices (user_id, chosen_at) values (?, ?)"
                        + " on conflict (user_id) do update set chosen_at = excluded.chosen_at")
                .params(actor.userId(), Timestamp.from(clock.instant()))
                .update();
    }
}
