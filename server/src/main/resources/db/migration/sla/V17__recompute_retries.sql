-- A recompute job that fails no longer blocks the jobs queued after it: it is retried
-- with exponential backoff (next_attempt_at; null until its first failure) and, after
-- the limit, set aside as 'failed' with its last error, kept for an operator.
alter table sla_recompute_jobs
    add column status text not null default 'pending' check (status in ('pending', 'done', 'failed')),
    add column attempts int not null default 0,
    add column next_attempt_at timestamptz,
    add column last_error text,
    add column failed_at timestamptz;
update sla_recompute_jobs set status = 'done' where done_at is not null;
drop index sla_recompute_jobs_open_idx;
create index sla_recompute_jobs_pending_idx on sla_recompute_jobs (coalesce(next_attempt_at, requested_at))
    where status = 'pending';
