package io.sladesk.server.platform;

import java.util.Optional;
import java.util.UUID;

/** Ids as requests give them: text that is not a UUID simply names no such thing. */
public final class Ids {
    private Ids() {}

    public static Optional<UUID> parse(String text) {
        if (text == null) return Optional.empty();
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
