-- The queue's order (escalated first, then the nearest due instant) as one ascending index,
-- the level negated: a deep page's keyset bound (level, due) >= (cursor's) is then a single
-- range of it, where the mixed directions of (level desc, due) could only be filtered.
create index sla_tickets_queue_order_idx on sla_tickets ((-escalation_level), (coalesce(next_due_at, 'infinity'::timestamptz)));
drop index sla_tickets_queue_idx;
