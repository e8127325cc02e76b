-- Accounts: plans, organizations, users, groups. Every row of customer data carries
-- organization_id so a deployment can later shard by organization.

create table plans (
    id          uuid primary key,
    name        text not null,
    policy_id   uuid,
    created_at  timestamptz not null default now()
);
create unique index plans_name_key on plans (lower(name));

-- The Pro plan exists from the first start (its policy arrives with the SLA engine).
insert into plans (id, name) values ('00000000-0000-0000-0000-000000000001', 'Pro');

create table organizations (
    id           uuid primary key,
    name         text not null,
    plan_id      uuid not null references plans (id),
    time_zone    text,
    calendar_id  uuid,
    tam_user_id  uuid,
    created_at   timestamptz not null
);
create unique index organizations_name_key on organizations (lower(name));

create table users (
    id               uuid primary key,
    email            text not null,
    name             text not null,
    role             text not null check (role in ('admin', 'agent', 'customer')),
    organization_id  uuid references organizations (id),
    duties           text[] not null default '{}',
    password_hash    text,
    language         text not null default 'en',
    created_at       timestamptz not null,
    -- a customer belongs to exactly one organization; staff belong to none
    check ((role = 'customer') = (organization_id is not null))
);
create unique index users_email_key on users (lower(email));
create index users_organization_idx on users (organization_id);

alter table organizations add constraint organizations_tam_fk foreign key (tam_user_id) references users (id);

create table agent_groups (
    id          uuid primary key,
    name        text not null,
    created_at  timestamptz not null
);
create unique index agent_groups_name_key on agent_groups (lower(name));

create table agent_group_members (
    group_id  uuid not null references agent_groups (id) on delete cascade,
    user_id   uuid not null references users (id),
    primary key (group_id, user_id)
);
