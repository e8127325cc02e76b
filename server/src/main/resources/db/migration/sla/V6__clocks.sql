-- One clock per ticket and metric. The row is the clock's current state; its history is
-- sla_clock_events (append-only), from which the state can be replayed.
create table sla_clocks (
    ticket_id        uuid not null references tickets (id),
    metric           text not null check (metric in ('first_response', 'resolution')),
    organization_id  uuid not null,
    started_at       timestamptz not null,
    policy_id        uuid not null references policies (id),
    severity         text not null,
    target           jsonb not null,
    calendar_id      uuid references calendars (id),
    pauses           jsonb not null default '[]',
    paused_since     timestamptz,
    due_at           timestamptz,
    due_floor        timestamptz,
    stopped_at       timestamptz,
    met              boolean,
    breached_at      timestamptz,
    breach_due_at    timestamptz,
    updated_at       timestamptz not null,
    primary key (ticket_id, metric)
);
create index sla_clocks_policy_idx on sla_clocks (policy_id) where stopped_at is null;
create index sla_clocks_calendar_idx on sla_clocks (calendar_id) where stopped_at is null;
create index sla_clocks_org_idx on sla_clocks (organization_id) where stopped_at is null;

create table sla_clock_events (
    seq        bigserial primary key,
    id         uuid not null unique,
    ticket_id  uuid not null references tickets (id),
    metric     text not null,
    at         timestamptz not null,
    type       text not null,
    detail     text not null,
    data       jsonb not null default '{}'
);
create index sla_clock_events_ticket_idx on sla_clock_events (ticket_id, seq);

-- Recomputations after a calendar or policy change, done in the background in batches.
create table sla_recompute_jobs (
    id           uuid primary key,
    kind         text not null check (kind in ('calendar', 'policy', 'organization')),
    subject_id   uuid not null,
    requested_at timestamptz not null,
    cursor_ticket uuid,
    done_at      timestamptz
);
create index sla_recompute_jobs_open_idx on sla_recompute_jobs (requested_at) where done_at is null;
