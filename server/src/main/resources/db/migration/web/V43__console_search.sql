-- The console's search (number, subject, requester, message text) as substring matches
-- backed by trigram indexes, so a search over 100,000 tickets reads index entries, not rows.
create extension if not exists pg_trgm;
create index tickets_subject_trgm_idx on tickets using gin (subject gin_trgm_ops);
create index ticket_messages_body_trgm_idx on ticket_messages using gin (body gin_trgm_ops);
create index users_email_trgm_idx on users using gin (email gin_trgm_ops);
create index users_name_trgm_idx on users using gin (name gin_trgm_ops);
create index tickets_requester_idx on tickets (requester_id);
