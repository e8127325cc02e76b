package io.sladesk.server.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A customer organization: its plan, time zone, optional own calendar, and, on a plan with
 * the TAM add-on, its TAM and backup, whether new tickets go to the TAM first, and whether
 * its customers may see its health. For the in-app widget: the {@code externalId} the host
 * product names it by (null until an admin sets one) and the host origins allowed to embed
 * the widget.
 */
public record Organization(
        UUID id,
        String name,
        UUID planId,
        String timeZone,
        UUID calendarId,
        UUID tamUserId,
        UUID backupTamUserId,
        boolean assignToTam,
        boolean shareHealth,
        Instant createdAt,
        String externalId,
        List<String> widgetOrigins) {}
