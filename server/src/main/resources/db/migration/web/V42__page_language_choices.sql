-- Users who chose a page language themselves (the choice is users.language): for the others
-- the browser's Accept-Language decides, since users.language is "en" until someone says so.
create table page_language_choices (
    user_id    uuid primary key references users (id),
    chosen_at  timestamptz not null
);
