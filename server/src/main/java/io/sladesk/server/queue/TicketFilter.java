package io.sladesk.server.queue;

/** Filters and paging of the ticket list, as sent (unvalidated). */
public record TicketFilter(
        String status,
        String severity,
        Boolean breached,
        String organizationId,
        String assigneeId,
        String sort,
        Integer limit,
        String cursor) {}
