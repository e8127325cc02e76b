-- The TAM add-on: a plan may include it; an organization on such a plan names its TAM and
-- an optional backup, may have new tickets assigned to the TAM, and may share its health
-- with its own customers. A user marked away hands their TAM duties to the backup.
alter table plans add column tam boolean not null default false;
alter table organizations add column backup_tam_user_id uuid references users (id);
alter table organizations add column assign_to_tam boolean not null default false;
alter table organizations add column share_health boolean not null default false;
alter table users add column away boolean not null default false;
create index organizations_tam_idx on organizations (tam_user_id) where tam_user_id is not null;
create index organizations_backup_tam_idx on organizations (backup_tam_user_id) where backup_tam_user_id is not null;

-- The seed's add-on, ready to sell: the Pro SLA with a Technical Account Manager.
insert into plans (id, name, policy_id, tam) values
    ('00000000-0000-0000-0000-000000000003', 'Pro + TAM', '00000000-0000-0000-0000-000000000002', true);
