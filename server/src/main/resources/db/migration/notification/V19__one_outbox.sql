-- One outbox for every outgoing channel (mail, webhooks, those to come): one table, one
-- worker, one way to lease, claim, back off, dead-letter and redeliver. A message is
-- written in the transaction of its event, once per channel, destination and event.
create table outbox (
    id               uuid primary key,
    channel          text not null,
    destination      text not null,
    event_key        text not null,
    type             text not null,
    ticket_id        uuid references tickets (id),
    payload          text not null,
    headers          jsonb not null default '{}',
    status           text not null check (status in ('pending', 'delivered', 'dead', 'cancelled')),
    attempts         int not null default 0,
    next_attempt_at  timestamptz not null,
    last_error       text,
    created_at       timestamptz not null,
    delivered_at     timestamptz,
    -- the order written, so messages due at one instant go out in that order
    seq              bigserial not null,
    unique (channel, destination, event_key)
);
create index outbox_due_idx on outbox (next_attempt_at, seq) where status = 'pending';
create index outbox_destination_idx on outbox (channel, destination, created_at desc);

create table outbox_attempts (
    id           bigserial primary key,
    message_id   uuid not null references outbox (id),
    at           timestamptz not null,
    status_code  int,
    error        text,
    duration_ms  bigint not null
);
create index outbox_attempts_message_idx on outbox_attempts (message_id, id);

insert into outbox (id, channel, destination, event_key, type, ticket_id, payload, headers, status, attempts,
                    next_attempt_at, last_error, created_at, delivered_at)
select d.id, 'webhook', d.webhook_id::text, d.event_id::text, d.type, d.ticket_id, d.body,
       jsonb_build_object('eventId', d.event_id::text),
       case when d.status = 'pending' and not w.active then 'cancelled' else d.status end,
       d.attempts, d.next_attempt_at, null, d.created_at, d.delivered_at
from webhook_deliveries d join webhooks w on w.id = d.webhook_id;
insert into outbox_attempts (message_id, at, status_code, error, duration_ms)
select delivery_id, at, status_code, error, duration_ms from webhook_attempts order by id;

insert into outbox (id, channel, destination, event_key, type, ticket_id, payload, headers, status, attempts,
                    next_attempt_at, last_error, created_at, delivered_at)
select id, 'mail', to_address, event_key, split_part(event_key, ':', 1), ticket_id, body,
       jsonb_build_object('subject', subject, 'messageId', message_id, 'thread', thread_id, 'language', language),
       case status when 'sent' then 'delivered' else status end,
       attempts, next_attempt_at, last_error, created_at, sent_at
from emails;

drop table webhook_attempts;
drop table webhook_deliveries;
drop table emails;

-- References are ids. Targets kept a stored calendar by the name or id a request gave,
-- ladders a group by name: both are resolved to ids now, once, so renaming the calendar
-- or group changes nothing.
create function pg_temp.calendar_ref(ref text) returns text language sql as $$
    select coalesce((select c.id::text from calendars c where c.id::text = ref or lower(c.name) = lower(ref)
                     order by (c.id::text = ref) desc limit 1), ref)
$$;
create function pg_temp.group_action(a text) returns text language sql as $$
    select case when a like 'reassign_to_group:%' then
        'reassign_to_group:' || coalesce((select g.id::text from agent_groups g
                                          where g.id::text = substr(a, 19) or lower(g.name) = lower(substr(a, 19))
                                          order by (g.id::text = substr(a, 19)) desc limit 1), substr(a, 19))
    else a end
$$;
update policies p set targets = (
    select jsonb_object_agg(s.key, (
        select jsonb_object_agg(m.key, m.value || jsonb_build_object('calendar', pg_temp.calendar_ref(m.value ->> 'calendar')))
        from jsonb_each(s.value) m))
    from jsonb_each(p.targets) s);
update policies p set escalation = (
    select coalesce(jsonb_agg(l.value || jsonb_build_object('actions', (
        select coalesce(jsonb_agg(to_jsonb(pg_temp.group_action(a.value)) order by a.ordinality), '[]'::jsonb)
        from jsonb_array_elements_text(l.value -> 'actions') with ordinality a))
        order by l.ordinality), '[]'::jsonb)
    from jsonb_array_elements(p.escalation) with ordinality l);
update sla_clocks set target = target || jsonb_build_object('calendar', pg_temp.calendar_ref(target ->> 'calendar'));
