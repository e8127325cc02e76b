-- A customer's request to re-evaluate a ticket's severity, and the agent's decision.
create table reevaluations (
    id                  uuid primary key,
    ticket_id           uuid not null references tickets (id),
    organization_id     uuid not null,
    requester_id        uuid not null references users (id),
    from_severity       text not null,
    requested_severity  text not null,
    reason              text not null,
    status              text not null check (status in ('open', 'accepted', 'declined', 'withdrawn')),
    created_at          timestamptz not null,
    due_at              timestamptz not null,
    decided_by          uuid references users (id),
    decided_at          timestamptz,
    decision_reason     text
);
create index reevaluations_ticket_idx on reevaluations (ticket_id, created_at);
-- at most one open request per ticket
create unique index reevaluations_one_open on reevaluations (ticket_id) where status = 'open';
create index reevaluations_open_due_idx on reevaluations (due_at) where status = 'open';
