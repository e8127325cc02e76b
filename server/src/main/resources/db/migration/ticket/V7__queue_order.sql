-- Kept by the SLA module through Tickets.recordSlaState: the ticket's nearest running due
-- instant and whether any clock breached, so queues sort and filter on one indexed table.
alter table tickets add column next_due_at timestamptz;
alter table tickets add column sla_breached boolean not null default false;
drop index tickets_queue_idx;
create index tickets_queue_idx on tickets (escalation_level desc, (coalesce(next_due_at, 'infinity'::timestamptz)), created_at desc, id desc);

