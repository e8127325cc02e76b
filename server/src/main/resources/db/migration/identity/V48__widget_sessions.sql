-- Widget identity tokens seen (issue 12): a token's jti is used once. Kept until the
-- token's own exp (at most ten minutes), in the database so every server of a cluster
-- refuses a replay; the primary key makes two servers racing on one token pick one.
create table widget_token_uses (
    organization_id  uuid not null references organizations (id),
    jti              text not null,
    expires_at       timestamptz not null,
    primary key (organization_id, jti)
);
create index widget_token_uses_expires_idx on widget_token_uses (expires_at);

-- How a bearer token's requests arrive: null for the API's own tokens, 'widget' for the
-- short-lived tokens the widget session hands out (their tickets get channel widget).
alter table api_tokens add column channel text;
