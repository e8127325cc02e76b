-- The queue joins sla_tickets inner (its order walks sla_tickets_queue_idx): every ticket
-- has its row from the transaction that opened it; this makes sure of tickets older than
-- that rule, with the same values the projection computes.
insert into sla_tickets (ticket_id, next_due_at, breached, escalation_level)
select t.id,
       (select min(c.due_at) from sla_clocks c where c.ticket_id = t.id and c.metric <> 'reevaluation'
            and c.stopped_at is null and c.paused_since is null),
       coalesce((select bool_or(c.breached_at is not null or c.met = false) from sla_clocks c
            where c.ticket_id = t.id and c.metric <> 'reevaluation'), false),
       coalesce((select max(c.escalation_level) from sla_clocks c where c.ticket_id = t.id
            and c.metric <> 'reevaluation'), 0)
from tickets t
where not exists (select 1 from sla_tickets s where s.ticket_id = t.id);
