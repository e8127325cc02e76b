package io.sladesk.server.kb;

import java.util.Map;
import java.util.UUID;

/** A help-centre category, with its name in each language it was given (content, not UI words). */
public record Category(UUID id, Map<String, String> names) {

    /** The name in this language, else in English, else in any. */
    public String name(String language) {
        String n = names.get(language);
        if (n == null) n = names.get("en");
        if (n == null && !names.isEmpty()) n = names.values().iterator().next();
        return n;
    }
}
