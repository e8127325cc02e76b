-- The SLA module owns each ticket's SLA state: one row per ticket, kept by the clocks,
-- which queues join. It replaces the copies the tickets table kept (next_due_at,
-- sla_breached, escalation_level), which could disagree with the clocks. Only the first
-- response and resolution clocks count here; a re-evaluation request's clock does not.
create table sla_tickets (
    ticket_id         uuid primary key references tickets (id),
    next_due_at       timestamptz,
    breached          boolean not null default false,
    escalation_level  int not null default 0
);
insert into sla_tickets (ticket_id, next_due_at, breached, escalation_level)
select t.id,
       (select min(c.due_at) from sla_clocks c where c.ticket_id = t.id and c.metric <> 'reevaluation'
            and c.stopped_at is null and c.paused_since is null),
       coalesce((select bool_or(c.breached_at is not null or c.met = false) from sla_clocks c
            where c.ticket_id = t.id and c.metric <> 'reevaluation'), false),
       coalesce((select max(c.escalation_level) from sla_clocks c where c.ticket_id = t.id), 0)
from tickets t;
create index sla_tickets_queue_idx on sla_tickets (escalation_level desc, (coalesce(next_due_at, 'infinity'::timestamptz)));
create index sla_tickets_due_idx on sla_tickets (next_due_at) where next_due_at is not null;

drop index if exists tickets_queue_idx;
alter table tickets drop column next_due_at;
alter table tickets drop column sla_breached;
alter table tickets drop column escalation_level;

-- A re-evaluation request's response target is its clock's due instant, kept by the SLA
-- module; the request no longer keeps a copy. The clock's start names its request.
update sla_clock_events e set data = e.data || jsonb_build_object('reevaluationId', r.id::text)
from reevaluations r
where e.metric = 'reevaluation' and e.type = 'clock.started' and e.ticket_id = r.ticket_id and e.at = r.created_at;
alter table reevaluations drop column due_at;

-- The timeline is data: words are rendered when read, in the reader's language and zone.
alter table ticket_events drop column detail;
alter table sla_clock_events drop column detail;
-- Escalations are the SLA's and the escalation module's facts, recorded in the histories
-- and the outbox; the notices table was written and never read.
drop table notices;
