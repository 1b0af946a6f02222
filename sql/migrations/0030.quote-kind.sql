-- The kind of each quote: `direct` (a statement in quotation marks), `partial` (a quoted
-- fragment inside a paraphrase) or `indirect` (reported speech without marks).
-- Backfill: quotes stored before were all in marks; those whose opening mark follows a letter
-- or digit continue a sentence begun outside them (partial). Re-extraction recomputes them.
-- depends: 0022.position-indexes

ALTER TABLE quotes ADD COLUMN kind text NOT NULL DEFAULT 'direct'
  CONSTRAINT quotes_kind_check CHECK (kind IN ('direct', 'partial', 'indirect'));

UPDATE quotes q SET kind = 'partial'
FROM articles a
WHERE a.id = q.article_id AND q.start >= 2
  AND substr(a.body, q.start - 1, 1) ~ '[[:alnum:]]';

CREATE INDEX quotes_kind_created_idx ON quotes (kind, created_at, id);
