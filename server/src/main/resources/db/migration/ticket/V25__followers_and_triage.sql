-- How a ticket's severity was set (customer, suggested, agent) and, when suggested, the
-- suggestion with its reasons as data (phrases of the ticket's own text, rule ids,
-- severities): rendered in the reader's language when read.
alter table tickets add column severity_source text not null default 'customer'
    check (severity_source in ('customer', 'suggested', 'agent'));
alter table tickets add column triage jsonb;

-- Staff following a ticket. `tam` rows follow the organization's TAM: they move when the
-- TAM changes; `agent` rows are an agent's own choice.
create table ticket_followers (
    ticket_id   uuid not null references tickets (id),
    user_id     uuid not null references users (id),
    source      text not null check (source in ('tam', 'agent')),
    created_at  timestamptz not null,
    primary key (ticket_id, user_id)
);
create index ticket_followers_user_idx on ticket_followers (user_id);

-- reports list an organization's re-evaluation requests by when they were made
create index reevaluations_org_created_idx on reevaluations (organization_id, created_at, id);
