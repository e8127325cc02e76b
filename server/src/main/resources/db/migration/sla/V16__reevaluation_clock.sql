-- A re-evaluation request's response target runs on the same clocks and timers.
alter table sla_clocks drop constraint sla_clocks_metric_check;
alter table sla_clocks add constraint sla_clocks_metric_check
    check (metric in ('first_response', 'resolution', 'reevaluation'));
