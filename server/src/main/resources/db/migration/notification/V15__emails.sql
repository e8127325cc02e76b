-- Emails, written in the transaction of the event they tell of (an outbox), sent later by
-- any server; one per event and address.
create table emails (
    id               uuid primary key,
    event_key        text not null,
    ticket_id        uuid references tickets (id),
    to_address       text not null,
    language         text not null,
    subject          text not null,
    body             text not null,
    message_id       text not null,
    thread_id        text not null,
    status           text not null check (status in ('pending', 'sent', 'dead')),
    attempts         int not null default 0,
    next_attempt_at  timestamptz not null,
    last_error       text,
    created_at       timestamptz not null,
    sent_at          timestamptz,
    unique (event_key, to_address)
);
create index emails_due_idx on emails (next_attempt_at) where status = 'pending';
