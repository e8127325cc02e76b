-- Agents' lists put escalated tickets first whatever the sort; this serves the default one.
create index tickets_escalated_created_idx on tickets (escalation_level desc, created_at desc, id desc);
