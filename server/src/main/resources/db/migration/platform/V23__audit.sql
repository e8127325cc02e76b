-- Who changed what, when: configuration and account changes, for admins to read.
create table audit_log (
    seq           bigserial primary key,
    at            timestamptz not null,
    actor_id      uuid references users (id),
    action        text not null,
    subject_type  text not null,
    subject_id    text,
    changes       jsonb not null default '{}'
);
