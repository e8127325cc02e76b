-- A recompute job walks the running clocks under a calendar, policy or organization in
-- ticket order, a batch at a time after a cursor: with the ticket in the index each batch
-- reads only its own clocks, not every remaining clock of the subject again.
create index sla_clocks_calendar_ticket_idx on sla_clocks (calendar_id, ticket_id) where stopped_at is null;
create index sla_clocks_policy_ticket_idx on sla_clocks (policy_id, ticket_id) where stopped_at is null;
create index sla_clocks_org_ticket_idx on sla_clocks (organization_id, ticket_id) where stopped_at is null;
drop index sla_clocks_calendar_idx;
drop index sla_clocks_policy_idx;
drop index sla_clocks_org_idx;
