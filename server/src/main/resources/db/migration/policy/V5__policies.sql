-- Policies: a target per severity and metric, each a duration or a number of business
-- days on a calendar; plus the warning share, upgrade grace and escalation ladder.
create table policies (
    id             uuid primary key,
    name           text not null,
    targets        jsonb not null,
    warning_share  numeric(4, 3) not null default 0.75,
    upgrade_grace  text not null default 'PT0S',
    escalation     jsonb not null default '[]',
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    version        bigint not null default 0
);
create unique index policies_name_key on policies (lower(name));

-- The Pro plan's policy: the seed's table.
insert into policies (id, name, targets, escalation, created_at, updated_at) values (
    '00000000-0000-0000-0000-000000000002', 'Pro',
    '{"P1": {"firstResponse": {"duration": "PT45M", "calendar": "24x7"}, "resolution": {"duration": "PT8H", "calendar": "24x7"}},
      "P2": {"firstResponse": {"duration": "PT2H", "calendar": "24x7"}, "resolution": {"businessDays": 1, "calendar": "business-days"}},
      "P3": {"firstResponse": {"duration": "PT4H", "calendar": "24x7"}, "resolution": {"businessDays": 2, "calendar": "business-days"}},
      "P4": {"firstResponse": {"duration": "PT8H", "calendar": "24x7"}, "resolution": {"businessDays": 3, "calendar": "business-days"}}}',
    '[{"level": 1, "afterBreach": "PT0S", "actions": ["raise_priority", "notify_assignee", "notify_escalation_managers", "notify_tam"]},
      {"level": 2, "afterBreachShare": 0.5, "actions": ["raise_priority", "notify_escalation_managers", "notify_tam"]}]',
    now(), now());

update plans set policy_id = '00000000-0000-0000-0000-000000000002' where id = '00000000-0000-0000-0000-000000000001';
alter table plans add constraint plans_policy_fk foreign key (policy_id) references policies (id);
