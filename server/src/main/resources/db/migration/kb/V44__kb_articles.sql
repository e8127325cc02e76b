-- The knowledge base: the vendor's help centre, desk-wide (not per organization).
-- pg_trgm tolerates typos in English words; Chinese is matched by character bigrams the
-- server computes (kb.Grams), since pg_trgm drops characters it does not count as letters
-- under some locales.
create extension if not exists pg_trgm;

create table kb_categories (
    id          uuid primary key,
    -- the category's name in each language ({"en": "...", "zh-TW": "..."}): content, not UI words
    names       jsonb not null,
    position    int not null default 0,
    created_at  timestamptz not null
);
create unique index kb_categories_en_idx on kb_categories (lower(names ->> 'en'));

create table kb_articles (
    id                 uuid primary key,
    -- articles that translate each other share it; one article per language in it
    translation_group  uuid not null,
    language           text not null check (language in ('en', 'zh-TW')),
    category_id        uuid references kb_categories (id),
    visibility         text not null check (visibility in ('public', 'customers', 'internal')),
    status             text not null check (status in ('draft', 'published')),
    revision           int not null,
    title              text not null,
    body               text not null,
    tags               text[] not null default '{}',
    author_id          uuid references users (id),  -- null: shipped with the desk (the seed)
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    -- the search index of the current revision, written with it (KbStore.index)
    plain              text not null,
    fts                tsvector not null,
    -- the title's and tags' words alone: small, so "the title matches" costs no read of fts
    title_fts          tsvector not null,
    title_grams        text[] not null,
    grams              text[] not null,
    unique (translation_group, language)
);
-- Ranking reads fts, title_fts, title_grams and grams of every match: kept in the row
-- (compressed) rather than in TOAST, so a search touches no TOAST table for them (measured:
-- reading them from TOAST was most of a search's time); body and plain go out of line.
alter table kb_articles alter column fts set storage main;
alter table kb_articles alter column title_fts set storage main;
alter table kb_articles alter column title_grams set storage main;
alter table kb_articles alter column grams set storage main;
create index kb_articles_fts_idx on kb_articles using gin (fts);
create index kb_articles_grams_idx on kb_articles using gin (grams);
create index kb_articles_category_idx on kb_articles (category_id, updated_at desc);

-- Every revision as written (published or draft), so an agent can see what changed.
create table kb_revisions (
    article_id   uuid not null references kb_articles (id),
    revision     int not null,
    title        text not null,
    body         text not null,
    tags         text[] not null,
    category_id  uuid,
    visibility   text not null,
    status       text not null,
    author_id    uuid references users (id),
    created_at   timestamptz not null,
    primary key (article_id, revision)
);

-- The English words of the articles, for correcting a misspelt query word to the nearest one.
create table kb_words (
    word  text primary key
);
create index kb_words_trgm_idx on kb_words using gin (word gin_trgm_ops);
