-- Bearer tokens: only the SHA-256 digest of the random 256-bit secret is stored.
create table api_tokens (
    id           uuid primary key,
    user_id      uuid not null references users (id),
    digest       bytea not null unique,
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    revoked_at   timestamptz,
    last_used_at timestamptz
);
create index api_tokens_user_idx on api_tokens (user_id);

-- Failed sign-ins, counted per account and per address to throttle guessing. Kept in the
-- database so every server of a cluster sees the same count.
create table sign_in_failures (
    id       bigserial primary key,
    email    text not null,
    address  text not null,
    at       timestamptz not null
);
create index sign_in_failures_email_idx on sign_in_failures (email, at);
create index sign_in_failures_address_idx on sign_in_failures (address, at);
