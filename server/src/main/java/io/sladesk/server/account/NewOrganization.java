package io.sladesk.server.account;

/** A request to create an organization, as sent (ids and names unresolved). */
public record NewOrganization(String name, String plan, String timeZone, String calendarId, String tamUserId) {}
