package io.sladesk.server.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A group of agents tickets can be assigned to. */
public record Group(UUID id, String name, List<UUID> memberIds, Instant createdAt) {}
