-- "Did this answer your question?": one vote per reader per revision, changeable.
-- A reader is a signed-in user ('user:<id>') or a browser's cookie ('browser:<id>'); a
-- signed-in user's vote is always theirs, whatever cookie comes with it.
create table kb_votes (
    article_id       uuid not null references kb_articles (id),
    revision         int not null,
    reader           text not null,
    user_id          uuid references users (id),
    organization_id  uuid,
    helpful          boolean not null,
    comment          text,
    voted_at         timestamptz not null,
    primary key (article_id, revision, reader)
);
create index kb_votes_at_idx on kb_votes (voted_at);

-- Reads of an article, for deflection: how the reader came (search, suggestion, direct)
-- and, once known, the ticket they raised within the window after reading.
create table kb_views (
    id               bigserial primary key,
    article_id       uuid not null references kb_articles (id),
    reader           text not null,
    user_id          uuid references users (id),
    organization_id  uuid,
    source           text not null check (source in ('search', 'suggestion', 'direct')),
    viewed_at        timestamptz not null,
    ticket_id        uuid,
    ticket_at        timestamptz
);
create index kb_views_at_idx on kb_views (viewed_at);
create index kb_views_user_idx on kb_views (user_id, viewed_at) where user_id is not null;
create index kb_views_reader_idx on kb_views (reader, article_id, viewed_at);
