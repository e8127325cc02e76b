package io.sladesk.server.ticket;

/** A created ticket, and whether it was created earlier by a request with the same idempotency key. */
public record Created(Ticket ticket, boolean replayed) {}
