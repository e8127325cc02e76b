-- Notices recorded for delivery (email and webhooks deliver them later): one per event
-- and recipient, whatever retries or servers do.
create table notices (
    id               uuid primary key,
    event_key        text not null,
    ticket_id        uuid not null references tickets (id),
    organization_id  uuid not null,
    kind             text not null,
    recipient        text not null,
    level            int,
    created_at       timestamptz not null,
    delivered_at     timestamptz,
    unique (event_key, recipient)
);
create index notices_undelivered_idx on notices (created_at) where delivered_at is null;
