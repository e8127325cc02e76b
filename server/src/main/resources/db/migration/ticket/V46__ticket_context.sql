-- Where a ticket was raised from: the knowledge-base article a customer read before
-- contacting support ("No, contact support"). An id of the kb module's article, no more.
alter table tickets add column context_article_id uuid;
