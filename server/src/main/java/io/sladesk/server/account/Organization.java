package io.sladesk.server.account;

import java.time.Instant;
import java.util.UUID;

/** A customer organization: its plan, time zone, optional own calendar and TAM. */
public record Organization(
        UUID id, String name, UUID planId, String timeZone, UUID calendarId, UUID tamUserId, Instant createdAt) {}
