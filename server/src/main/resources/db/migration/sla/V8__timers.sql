-- The next events of every running clock, each with the instant it fires. Servers claim
-- due ones (through their ticket's row lock, FOR UPDATE SKIP LOCKED) and apply them in the
-- transaction that records them. Timers of a clock change only under its ticket's lock.
create table sla_timers (
    ticket_id  uuid not null references tickets (id),
    metric     text not null,
    kind       text not null check (kind in ('warning', 'breach', 'escalation')),
    level      int not null default 0,
    fire_at    timestamptz not null,
    due_at     timestamptz not null,
    primary key (ticket_id, metric, kind, level)
);
create index sla_timers_fire_idx on sla_timers (fire_at);

alter table sla_clocks add column warned_at timestamptz;
alter table sla_clocks add column escalation_level int not null default 0;
