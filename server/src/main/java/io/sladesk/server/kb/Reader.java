package io.sladesk.server.kb;

import io.sladesk.server.account.Actor;
import java.util.List;
import java.util.UUID;

/**
 * Who reads, votes or searches: a signed-in user (their role decides what they may see) or
 * an anonymous browser known by its cookie's id (public articles only). A signed-in user
 * is always themselves, whatever cookie their browser sends, so a vote cannot be cast as
 * someone else.
 */
public record Reader(Actor actor, UUID browser) {

    public static Reader of(Actor actor, UUID browser) {
        return new Reader(actor, browser);
    }

    /** The key a vote or a read is stored under, or null for a reader who cannot be told apart. */
    String key() {
        if (actor != null) return "user:" + actor.userId();
        return browser == null ? null : "browser:" + browser;
    }

    List<String> visibilities() {
        if (actor == null) return List.of("public");
        if (actor.isStaff()) return List.of("public", "customers", "internal");
        return List.of("public", "customers");
    }

    boolean staff() {
        return actor != null && actor.isStaff();
    }
}
