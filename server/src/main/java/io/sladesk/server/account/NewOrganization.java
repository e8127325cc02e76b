package io.sladesk.server.account;

/** A request to create an organization, as sent (ids and names unresolved; null when left out). */
public record NewOrganization(
        String name,
        String plan,
        String timeZone,
        String calendarId,
        String tamUserId,
        String backupTamUserId,
        Boolean assignToTam,
        Boolean shareHealth) {

    public NewOrganization(String name, String plan, String timeZone, String calendarId, String tamUserId) {
        this(name, plan, timeZone, calendarId, tamUserId, null, null, null);
    }
}
