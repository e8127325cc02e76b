package io.sladesk.server.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A registered receiver: its URL and the event types it wants. */
public record Webhook(UUID id, String url, List<String> events, boolean active, Instant createdAt) {}
