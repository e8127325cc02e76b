package io.sladesk.server.kb;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The knowledge base's figures over a period (see docs/decisions.md, "Knowledge base"): per
 * article its reads, votes, helpfulness, tickets raised after reading and deflection, and
 * the same for all articles. {@code readers} counts readers who came from a search or a
 * suggestion and whose window has closed or who raised a ticket; {@code deflected} those of
 * them who raised none within the window. Rates are null where nothing was measured.
 */
public record KbReport(Instant from, Instant to, long windowHours, Row total, List<Row> articles) {

    public record Row(
            UUID id,
            String title,
            String language,
            long views,
            Votes votes,
            Double helpfulness,
            long readers,
            long deflected,
            long ticketsAfterReading,
            Double deflectionRate) {}

    /** The votes cast in the period: yes ("it answered my question") and no. */
    public record Votes(long yes, long no) {}
}
