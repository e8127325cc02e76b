-- The plain ticket list is chronological again (only the due queue puts escalated tickets
-- first), so the index V11 added for it serves nothing.
drop index if exists tickets_escalated_created_idx;
