package io.sladesk.server.ticket;

import java.time.Instant;
import java.util.UUID;

/** One message of a ticket's conversation. */
public record Message(UUID id, UUID ticketId, UUID authorId, String body, Visibility visibility, Instant createdAt) {}
