package io.sladesk.server.kb;

import java.time.Instant;
import java.util.UUID;

/**
 * A search or suggestion result. {@code snippet} is HTML: the article's text escaped, with
 * the words that matched in {@code <mark>}; safe to put into a page as it is.
 */
public record Hit(
        UUID id,
        String title,
        String language,
        UUID categoryId,
        String visibility,
        String snippet,
        double score,
        Instant updatedAt) {}
