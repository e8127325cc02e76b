package io.sladesk.server.ticket;

/**
 * An assignment as a request gives it: each of assignee and group may be left out (kept),
 * given (an id; a group also by name), or given as null (cleared).
 */
public record Assignment(boolean assigneeGiven, String assigneeId, boolean groupGiven, String groupId) {}
