-- Stored calendars: a time zone, weekly working intervals (local time) and holidays.
-- The built-in "24x7" and "business-days" are not rows: they are rules (see docs/sla-rules.md).
create table calendars (
    id          uuid primary key,
    name        text not null,
    time_zone   text not null,
    week        jsonb not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint not null default 0
);
create unique index calendars_name_key on calendars (lower(name));

create table calendar_holidays (
    calendar_id  uuid not null references calendars (id) on delete cascade,
    day          date not null,
    name         text,
    primary key (calendar_id, day)
);

alter table organizations add constraint organizations_calendar_fk foreign key (calendar_id) references calendars (id);
