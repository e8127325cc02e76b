package io.sladesk.server.platform;

import io.sladesk.server.platform.Problems.Conflict;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Who refers to a configuration object. Modules refer to each other's objects by id; a
 * module that does so registers a {@link Holder} that names its uses, and the owner asks
 * here before deleting, so a delete of something in use is a 409 naming what uses it,
 * never a dangling reference or a foreign-key error.
 */
@Component
public class References {
    public enum Kind {
        CALENDAR,
        GROUP,
        PLAN,
        POLICY
    }

    /** One module's references to objects of other modules. */
    public interface Holder {
        /** Short descriptions of what refers to the object ("plan 'Pro'", "3 tickets"); empty if nothing. */
        List<String> uses(Kind kind, UUID id);
    }

    private final ObjectProvider<Holder> holders;

    References(ObjectProvider<Holder> holders) {
        this.holders = holders;
    }

    public List<String> uses(Kind kind, UUID id) {
        List<String> out = new ArrayList<>();
        holders.orderedStream().forEach(h -> out.addAll(h.uses(kind, id)));
        return out;
    }

    /** Throws a 409 naming every use, when there is one. */
    public void requireUnused(Kind kind, UUID id, String what) {
        List<String> uses = uses(kind, id);
        if (!uses.isEmpty()) throw new Conflict(what + " is in use by " + String.join(", ", uses));
    }

    /** "1 ticket", "3 tickets". */
    public static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
