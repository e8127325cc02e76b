package io.sladesk.server.queue;

/**
 * Filters and paging of the ticket list, as sent (unvalidated). {@code requesterId} is a
 * user id or {@code me} (the viewer).
 */
public record TicketFilter(
        String status,
        String severity,
        Boolean breached,
        String organizationId,
        String assigneeId,
        String sort,
        Integer limit,
        String cursor,
        String requesterId) {

    /** The list without a requester filter. */
    public TicketFilter(
            String status,
            String severity,
            Boolean breached,
            String organizationId,
            String assigneeId,
            String sort,
            Integer limit,
            String cursor) {
        this(status, severity, breached, organizationId, assigneeId, sort, limit, cursor, null);
    }
}
