-- Agents' shared canned answers, one list per language, inserted into a reply with a keystroke.
create table saved_replies (
    id          uuid primary key,
    language    text not null check (language in ('en', 'zh-TW')),
    title       text not null,
    body        text not null,
    created_by  uuid references users (id),
    created_at  timestamptz not null
);
create index saved_replies_language_idx on saved_replies (language, title);
