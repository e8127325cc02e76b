create sequence ticket_number_seq;

create table tickets (
    id                uuid primary key,
    number            bigint not null default nextval('ticket_number_seq') unique,
    organization_id   uuid not null references organizations (id),
    subject           text not null,
    description       text not null,
    severity          text not null check (severity in ('P1', 'P2', 'P3', 'P4')),
    status            text not null check (status in ('new', 'open', 'pending', 'on_hold', 'solved', 'closed')),
    priority          text not null check (priority in ('normal', 'high', 'urgent')),
    channel           text not null,
    requester_id      uuid not null references users (id),
    assignee_id       uuid references users (id),
    group_id          uuid references agent_groups (id),
    escalation_level  int not null default 0,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    solved_at         timestamptz,
    closed_at         timestamptz,
    version           bigint not null default 0
);
-- list pages: newest first, per organization for customers, and the queue order
create index tickets_created_idx on tickets (created_at desc, id desc);
create index tickets_org_created_idx on tickets (organization_id, created_at desc, id desc);
create index tickets_queue_idx on tickets (escalation_level desc, created_at, id);
create index tickets_assignee_idx on tickets (assignee_id) where assignee_id is not null;
-- the auto-close sweep looks only at solved tickets
create index tickets_solved_idx on tickets (solved_at) where status = 'solved';

create table ticket_messages (
    id               uuid primary key,
    ticket_id        uuid not null references tickets (id),
    organization_id  uuid not null,
    author_id        uuid not null references users (id),
    body             text not null,
    visibility       text not null check (visibility in ('public', 'internal')),
    created_at       timestamptz not null,
    seq              bigserial not null
);
create index ticket_messages_ticket_idx on ticket_messages (ticket_id, seq);

-- The ticket's own history, the source of its timeline. Append-only.
create table ticket_events (
    seq              bigserial primary key,
    id               uuid not null unique,
    ticket_id        uuid not null references tickets (id),
    organization_id  uuid not null,
    at               timestamptz not null,
    type             text not null,
    detail           text not null,
    actor_id         uuid references users (id),
    internal         boolean not null,
    data             jsonb not null default '{}'
);
create index ticket_events_ticket_idx on ticket_events (ticket_id, seq);

create table idempotency_keys (
    user_id     uuid not null references users (id),
    key         text not null,
    ticket_id   uuid not null references tickets (id),
    created_at  timestamptz not null,
    primary key (user_id, key)
);
create index idempotency_keys_created_idx on idempotency_keys (created_at);
