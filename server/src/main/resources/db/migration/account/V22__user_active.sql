-- Offboarding: a deactivated user cannot sign in and their tokens stop working.
alter table users add column active boolean not null default true;
