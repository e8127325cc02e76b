-- A user's own time zone (an IANA region): instants are shown in it, before the
-- organization's or the deployment's.
alter table users add column time_zone text;
