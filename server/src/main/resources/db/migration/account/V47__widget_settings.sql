-- The in-app help widget (issue 12). An organization's external id is what the host
-- product names it by (the loader's data-sladesk-org, the token's org claim); its widget
-- origins are the host pages allowed to frame the widget and to post to it.
alter table organizations add column external_id text;
create unique index organizations_external_id_key on organizations (lower(external_id));
alter table organizations add column widget_origins text[] not null default '{}';

-- The widget secrets: the HMAC key a host signs its users' tokens with. A verifier needs
-- the key itself, not a hash of it: kept sealed (AES-GCM, "aes256gcm:...") when the desk
-- has SLADESK_WIDGET_SECRET_KEY, else as it is (see docs/decisions.md). The current one has
-- no valid_until; the one it replaced verifies for 24 hours more.
create table widget_secrets (
    id               uuid primary key,
    organization_id  uuid not null references organizations (id),
    secret           text not null,
    created_at       timestamptz not null,
    valid_until      timestamptz
);
create index widget_secrets_organization_idx on widget_secrets (organization_id, created_at desc);
-- one current secret per organization
create unique index widget_secrets_current_key on widget_secrets (organization_id) where valid_until is null;
