package io.sladesk.server.kb;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One revision of an article as written, and which fields it changed from the one before. */
public record Revision(
        int revision,
        String title,
        String body,
        List<String> tags,
        UUID categoryId,
        String visibility,
        String status,
        UUID authorId,
        Instant createdAt,
        List<String> changed) {}
