package io.sladesk.server.web;

import io.sladesk.server.account.Actor;
import io.sladesk.server.account.User;
import java.time.ZoneId;
import java.util.Locale;

/**
 * Who is looking at a page: the signed-in user (read afresh on every request, so a role
 * change or deactivation counts at once), the page language and the time zone instants are
 * shown in.
 */
record Viewer(User user, String language, ZoneId zone) {
    static final String ATTRIBUTE = "sladesk.viewer";

    public Actor actor() {
        return user.asActor();
    }

    public boolean staff() {
        return user.role().isStaff();
    }

    /**
     * The message key of a status as this viewer reads it: pending waits on the customer, so a
     * customer reads "waiting for you" and an agent "waiting on customer".
     */
    public String statusKey(String wire) {
        return staff() && "pending".equals(wire) ? "status.pending.staff" : "status." + wire;
    }

    public Locale locale() {
        return PageLanguages.locale(language);
    }
}
