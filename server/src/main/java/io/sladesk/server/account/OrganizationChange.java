package io.sladesk.server.account;

import java.util.Optional;

/**
 * A partial change of an organization, as sent. A plain field is null when left out; an
 * {@link Optional} field is null when left out, empty when sent as JSON {@code null}
 * (clear it), else the new value: the calendar, the TAM, the backup and the external id can
 * be removed. {@code widgetOrigins}, when given, replaces the list.
 */
public record OrganizationChange(
        String name,
        String plan,
        String timeZone,
        Optional<String> calendarId,
        Optional<String> tamUserId,
        Optional<String> backupTamUserId,
        Boolean assignToTam,
        Boolean shareHealth,
        Optional<String> externalId,
        java.util.List<String> widgetOrigins) {

    public OrganizationChange(
            String name,
            String plan,
            String timeZone,
            Optional<String> calendarId,
            Optional<String> tamUserId,
            Optional<String> backupTamUserId,
            Boolean assignToTam,
            Boolean shareHealth) {
        this(name, plan, timeZone, calendarId, tamUserId, backupTamUserId, assignToTam, shareHealth, null, null);
    }
}
