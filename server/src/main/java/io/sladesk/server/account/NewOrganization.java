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
        Boolean shareHealth,
        String externalId,
        java.util.List<String> widgetOrigins) {

    public NewOrganization(
            String name,
            String plan,
            String timeZone,
            String calendarId,
            String tamUserId,
            String backupTamUserId,
            Boolean assignToTam,
            Boolean shareHealth) {
        this(name, plan, timeZone, calendarId, tamUserId, backupTamUserId, assignToTam, shareHealth, null, null);
    }

    public NewOrganization(String name, String plan, String timeZone, String calendarId, String tamUserId) {
        this(name, plan, timeZone, calendarId, tamUserId, null, null, null, null, null);
    }
}
