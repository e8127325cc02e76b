package io.sladesk.server.kb;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An article as its current revision stands. {@code html} is the body rendered safely;
 * {@code translations} are the other languages of the same article that the reader may
 * see; {@code yes}/{@code no} count the current revision's votes.
 */
public record Article(
        UUID id,
        String title,
        String body,
        String html,
        String language,
        List<Translation> translations,
        Category category,
        List<String> tags,
        String visibility,
        String status,
        int revision,
        UUID authorId,
        long yes,
        long no,
        Instant createdAt,
        Instant updatedAt) {

    public record Translation(UUID id, String language, String title) {}
}
