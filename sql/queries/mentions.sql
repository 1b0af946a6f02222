-- Mentions: the spans at which an article names a person or an organization.
-- The per-article lists group an article's spans by entity, ordered by first mention; their
-- keyset is (first_start, entity id). `limit` NULL returns every entity. `updated_at` (the
-- entity's) and `last_mention_id` are the group's version, for the ETag of an article that
-- embeds it.

-- name: people_mentioned(article_id, person_id, after_start, after_id, limit)
SELECT e.*
FROM (
  SELECT m.article_id, m.person_id, p.name, p.description,
         jsonb_agg(jsonb_build_object('start', m.start, 'end', m."end")
                   ORDER BY m.start, m."end") AS spans,
         count(*) AS count, min(m.start) AS first_start,
         p.updated_at, max(m.id) AS last_mention_id
  FROM mentions m
  JOIN people p ON p.id = m.person_id
  WHERE m.article_id = :article_id AND m.person_id IS NOT NULL
    AND (:person_id::bigint IS NULL OR m.person_id = :person_id)
  GROUP BY m.article_id, m.person_id, p.name, p.description, p.updated_at
) e
WHERE (:after_start::integer IS NULL
       OR (e.first_start, e.person_id) > (:after_start, :after_id::bigint))
ORDER BY e.first_start, e.person_id
LIMIT :limit;

-- name: organizations_mentioned(article_id, organization_id, after_start, after_id, limit)
SELECT e.*
FROM (
  SELECT m.article_id, m.organization_id, o.name, o.kind,
         jsonb_agg(jsonb_build_object('start', m.start, 'end', m."end")
                   ORDER BY m.start, m."end") AS spans,
         count(*) AS count, min(m.start) AS first_start,
         o.updated_at, max(m.id) AS last_mention_id
  FROM mentions m
  JOIN organizations o ON o.id = m.organization_id
  WHERE m.article_id = :article_id AND m.organization_id IS NOT NULL
    AND (:organization_id::bigint IS NULL OR m.organization_id = :organization_id)
  GROUP BY m.article_id, m.organization_id, o.name, o.kind, o.updated_at
) e
WHERE (:after_start::integer IS NULL
       OR (e.first_start, e.organization_id) > (:after_start, :after_id::bigint))
ORDER BY e.first_start, e.organization_id
LIMIT :limit;

-- name: lock_mentions(article_id, person_id, organization_id)
-- Lock an entity's mentions in an article for the rest of the transaction.
SELECT id FROM mentions
WHERE article_id = :article_id
  AND person_id IS NOT DISTINCT FROM :person_id::bigint
  AND organization_id IS NOT DISTINCT FROM :organization_id::bigint
FOR UPDATE;

-- name: delete_mentions(article_id, person_id, organization_id)!
DELETE FROM mentions
WHERE article_id = :article_id
  AND person_id IS NOT DISTINCT FROM :person_id::bigint
  AND organization_id IS NOT DISTINCT FROM :organization_id::bigint;

-- name: insert_mention(article_id, person_id, organization_id, start, end, text, source)!
INSERT INTO mentions (article_id, person_id, organization_id, start, "end", text, source)
VALUES (:article_id, :person_id, :organization_id, :start, :end, :text, :source)
ON CONFLICT DO NOTHING;

-- name: delete_extracted_mentions(article_id)!
DELETE FROM mentions WHERE article_id = :article_id AND source = 'extracted';

-- name: article_body(article_id)$
-- The body of an article (null when there is no such article).
SELECT body FROM articles WHERE id = :article_id;

-- name: article_exists(article_id)$
SELECT EXISTS (SELECT 1 FROM articles WHERE id = :article_id);

-- name: person_exists(id)$
SELECT EXISTS (SELECT 1 FROM people WHERE id = :id);

-- name: organization_exists(id)$
SELECT EXISTS (SELECT 1 FROM organizations WHERE id = :id);

-- name: manual_mentions_past(article_id, length)
-- Mentions entered by hand whose span ends past `length` (a shortened body).
SELECT id, start, "end" FROM mentions
WHERE article_id = :article_id AND source = 'manual' AND "end" > :length
ORDER BY start, id;

-- name: delete_matched_mentions_past(article_id, length)!
-- Mentions matched by name that a shortened body no longer holds.
DELETE FROM mentions WHERE article_id = :article_id AND source = 'matched' AND "end" > :length;
