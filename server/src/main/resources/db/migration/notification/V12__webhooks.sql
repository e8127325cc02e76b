-- Webhooks and their deliveries: a durable outbox. A delivery row is written in the
-- transaction that recorded the event, so no event is lost and none is delivered for a
-- change that rolled back; dispatchers on any server claim due rows and send them.
create table webhooks (
    id          uuid primary key,
    url         text not null,
    events      text[] not null,
    -- kept usable (not hashed): every delivery is signed with it
    secret      text not null,
    active      boolean not null default true,
    created_at  timestamptz not null
);

create table webhook_deliveries (
    id               uuid primary key,
    webhook_id       uuid not null references webhooks (id),
    event_id         uuid not null,
    type             text not null,
    ticket_id        uuid,
    body             text not null,
    status           text not null check (status in ('pending', 'delivered', 'dead')),
    attempts         int not null default 0,
    next_attempt_at  timestamptz not null,
    created_at       timestamptz not null,
    delivered_at     timestamptz,
    unique (webhook_id, event_id)
);
create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where status = 'pending';
create index webhook_deliveries_webhook_idx on webhook_deliveries (webhook_id, created_at desc);

create table webhook_attempts (
    id           bigserial primary key,
    delivery_id  uuid not null references webhook_deliveries (id),
    at           timestamptz not null,
    status_code  int,
    error        text,
    duration_ms  bigint not null
);
create index webhook_attempts_delivery_idx on webhook_attempts (delivery_id, id);
