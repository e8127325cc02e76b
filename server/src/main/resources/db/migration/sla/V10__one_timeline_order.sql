-- Ticket and clock histories draw their order from one sequence, so the merged timeline
-- shows events of the same instant in the order they were recorded.
alter table sla_clock_events alter column seq set default nextval('ticket_events_seq_seq');
select setval('ticket_events_seq_seq', greatest(
    (select coalesce(max(seq), 1) from ticket_events),
    (select coalesce(max(seq), 1) from sla_clock_events)));
