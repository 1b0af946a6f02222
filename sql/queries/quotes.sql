-- Quotes. List queries take `limit` = page size + 1 and continue after a keyset cursor;
-- optional filters are `(:x IS NULL OR ...)`, folded away by the planner when unset.
-- `speaker_affiliation_id`: quotes by the organization, any organization below it, or a
-- person affiliated with one of those (each set read once, as an init plan).

-- name: list_quotes_newest(speaker_person_id, speaker_organization_id, article_id, q, verb, kind, speaker_affiliation_id, published_from, published_to, after_at, after_id, limit)
-- Newest first; keyset on (created_at, id).
SELECT q.id, q.article_id, q.speaker_person_id, q.speaker_organization_id, q.speaker_name, q.text,
       q.verb, q.kind, q.start, q."end", q.method, q.confidence, q.source, q.created_at, q.updated_at
FROM quotes q
WHERE (:speaker_person_id::bigint IS NULL OR q.speaker_person_id = :speaker_person_id)
  AND (:speaker_organization_id::bigint IS NULL
       OR q.speaker_organization_id = :speaker_organization_id)
  AND (:article_id::bigint IS NULL OR q.article_id = :article_id)
  AND (:q::text IS NULL OR q.search @@ websearch_to_tsquery('english', :q))
  AND (:verb::text IS NULL OR lower(q.verb) = lower(:verb))
  AND (:kind::text IS NULL OR q.kind = :kind)
  AND (:speaker_affiliation_id::bigint IS NULL
       OR q.speaker_organization_id = ANY (ARRAY(
            SELECT dossier_organization_tree(:speaker_affiliation_id)))
       OR q.speaker_person_id = ANY (ARRAY(
            SELECT a.person_id FROM affiliations a
            WHERE a.organization_id = ANY (ARRAY(
                    SELECT dossier_organization_tree(:speaker_affiliation_id))))))
  AND (:published_from::timestamptz IS NULL AND :published_to::timestamptz IS NULL
       OR EXISTS (SELECT 1 FROM articles a
                  WHERE a.id = q.article_id
                    AND (:published_from::timestamptz IS NULL OR a.published_at >= :published_from)
                    AND (:published_to::timestamptz IS NULL OR a.published_at < :published_to)))
  AND (:after_at::timestamptz IS NULL OR (q.created_at, q.id) < (:after_at, :after_id::bigint))
ORDER BY q.created_at DESC, q.id DESC
LIMIT :limit;

-- name: list_quotes_oldest(speaker_person_id, speaker_organization_id, article_id, q, verb, kind, speaker_affiliation_id, published_from, published_to, after_at, after_id, limit)
-- Oldest first; keyset on (created_at, id).
SELECT q.id, q.article_id, q.speaker_person_id, q.speaker_organization_id, q.speaker_name, q.text,
       q.verb, q.kind, q.start, q."end", q.method, q.confidence, q.source, q.created_at, q.updated_at
FROM quotes q
WHERE (:speaker_person_id::bigint IS NULL OR q.speaker_person_id = :speaker_person_id)
  AND (:speaker_organization_id::bigint IS NULL
       OR q.speaker_organization_id = :speaker_organization_id)
  AND (:article_id::bigint IS NULL OR q.article_id = :article_id)
  AND (:q::text IS NULL OR q.search @@ websearch_to_tsquery('english', :q))
  AND (:verb::text IS NULL OR lower(q.verb) = lower(:verb))
  AND (:kind::text IS NULL OR q.kind = :kind)
  AND (:speaker_affiliation_id::bigint IS NULL
       OR q.speaker_organization_id = ANY (ARRAY(
            SELECT dossier_organization_tree(:speaker_affiliation_id)))
       OR q.speaker_person_id = ANY (ARRAY(
            SELECT a.person_id FROM affiliations a
            WHERE a.organization_id = ANY (ARRAY(
                    SELECT dossier_organization_tree(:speaker_affiliation_id))))))
  AND (:published_from::timestamptz IS NULL AND :published_to::timestamptz IS NULL
       OR EXISTS (SELECT 1 FROM articles a
                  WHERE a.id = q.article_id
                    AND (:published_from::timestamptz IS NULL OR a.published_at >= :published_from)
                    AND (:published_to::timestamptz IS NULL OR a.published_at < :published_to)))
  AND (:after_at::timestamptz IS NULL OR (q.created_at, q.id) > (:after_at, :after_id::bigint))
ORDER BY q.created_at ASC, q.id ASC
LIMIT :limit;

-- name: list_quotes_position(speaker_person_id, speaker_organization_id, article_id, q, verb, kind, speaker_affiliation_id, published_from, published_to, after_article, after_pos, after_id, limit)
-- By article, then order of appearance in its body (quotes without a span last); keyset on
-- (article_id, start, id).
SELECT q.id, q.article_id, q.speaker_person_id, q.speaker_organization_id, q.speaker_name, q.text,
       q.verb, q.kind, q.start, q."end", q.method, q.confidence, q.source, q.created_at, q.updated_at
FROM quotes q
WHERE (:speaker_person_id::bigint IS NULL OR q.speaker_person_id = :speaker_person_id)
  AND (:speaker_organization_id::bigint IS NULL
       OR q.speaker_organization_id = :speaker_organization_id)
  AND (:article_id::bigint IS NULL OR q.article_id = :article_id)
  AND (:q::text IS NULL OR q.search @@ websearch_to_tsquery('english', :q))
  AND (:verb::text IS NULL OR lower(q.verb) = lower(:verb))
  AND (:kind::text IS NULL OR q.kind = :kind)
  AND (:speaker_affiliation_id::bigint IS NULL
       OR q.speaker_organization_id = ANY (ARRAY(
            SELECT dossier_organization_tree(:speaker_affiliation_id)))
       OR q.speaker_person_id = ANY (ARRAY(
            SELECT a.person_id FROM affiliations a
            WHERE a.organization_id = ANY (ARRAY(
                    SELECT dossier_organization_tree(:speaker_affiliation_id))))))
  AND (:published_from::timestamptz IS NULL AND :published_to::timestamptz IS NULL
       OR EXISTS (SELECT 1 FROM articles a
                  WHERE a.id = q.article_id
                    AND (:published_from::timestamptz IS NULL OR a.published_at >= :published_from)
                    AND (:published_to::timestamptz IS NULL OR a.published_at < :published_to)))
  AND (:after_article::bigint IS NULL
       OR (q.article_id, coalesce(q.start, 2147483647), q.id)
          > (:after_article, :after_pos::integer, :after_id::bigint))
ORDER BY q.article_id, coalesce(q.start, 2147483647), q.id
LIMIT :limit;

-- name: list_quotes_relevance(speaker_person_id, speaker_organization_id, article_id, q, verb, kind, speaker_affiliation_id, published_from, published_to, after_rank, after_id, limit)
-- Full-text matches, best first; keyset on (rank, id).
SELECT m.*
FROM (
  SELECT q.id, q.article_id, q.speaker_person_id, q.speaker_organization_id, q.speaker_name, q.text,
       q.verb, q.kind, q.start, q."end", q.method, q.confidence, q.source, q.created_at, q.updated_at,
         ts_rank(q.search, websearch_to_tsquery('english', :q)) AS rank
  FROM quotes q
  WHERE (:speaker_person_id::bigint IS NULL OR q.speaker_person_id = :speaker_person_id)
  AND (:speaker_organization_id::bigint IS NULL
       OR q.speaker_organization_id = :speaker_organization_id)
  AND (:article_id::bigint IS NULL OR q.article_id = :article_id)
  AND (:q::text IS NULL OR q.search @@ websearch_to_tsquery('english', :q))
  AND (:verb::text IS NULL OR lower(q.verb) = lower(:verb))
  AND (:kind::text IS NULL OR q.kind = :kind)
  AND (:speaker_affiliation_id::bigint IS NULL
       OR q.speaker_organization_id = ANY (ARRAY(
            SELECT dossier_organization_tree(:speaker_affiliation_id)))
       OR q.speaker_person_id = ANY (ARRAY(
            SELECT a.person_id FROM affiliations a
            WHERE a.organization_id = ANY (ARRAY(
                    SELECT dossier_organization_tree(:speaker_affiliation_id))))))
  AND (:published_from::timestamptz IS NULL AND :published_to::timestamptz IS NULL
       OR EXISTS (SELECT 1 FROM articles a
                  WHERE a.id = q.article_id
                    AND (:published_from::timestamptz IS NULL OR a.published_at >= :published_from)
                    AND (:published_to::timestamptz IS NULL OR a.published_at < :published_to)))
) m
WHERE (:after_rank::real IS NULL OR (m.rank, m.id) < (:after_rank::real, :after_id::bigint))
ORDER BY m.rank DESC, m.id DESC
LIMIT :limit;

-- name: quotes_for_article(article_id)
-- All quotes of an article in order of appearance.
SELECT q.id, q.article_id, q.speaker_person_id, q.speaker_organization_id, q.speaker_name, q.text,
       q.verb, q.kind, q.start, q."end", q.method, q.confidence, q.source, q.created_at, q.updated_at
FROM quotes q
WHERE q.article_id = :article_id
ORDER BY coalesce(q.start, 2147483647), q.id;

-- name: get_quote(id)^
SELECT q.id, q.article_id, q.speaker_person_id, q.speaker_organization_id, q.speaker_name, q.text,
       q.verb, q.kind, q.start, q."end", q.method, q.confidence, q.source, q.created_at, q.updated_at
FROM quotes q
WHERE q.id = :id;

-- name: lock_quote(id)$
-- Lock the quote for the rest of the transaction (concurrent writers wait).
SELECT id FROM quotes WHERE id = :id FOR UPDATE;

-- name: insert_quote(article_id, speaker_person_id, speaker_organization_id, speaker_name, text, verb, kind, start, end, method, confidence, source)$
INSERT INTO quotes (article_id, speaker_person_id, speaker_organization_id, speaker_name, text,
                    verb, kind, start, "end", method, confidence, source)
VALUES (:article_id, :speaker_person_id, :speaker_organization_id, :speaker_name, :text,
        :verb, coalesce(:kind, 'direct'), :start, :end, :method, :confidence, :source)
RETURNING id;

-- name: update_quote(id, speaker_person_id, speaker_organization_id, speaker_name, text, verb, kind, start, end, method, confidence)!
UPDATE quotes
SET speaker_person_id = :speaker_person_id, speaker_organization_id = :speaker_organization_id,
    speaker_name = :speaker_name, text = :text, verb = :verb, kind = coalesce(:kind, kind),
    start = :start, "end" = :end,
    method = :method, confidence = :confidence
WHERE id = :id;

-- name: delete_quote(id)!
DELETE FROM quotes WHERE id = :id;

-- name: delete_extracted_quotes(article_id)!
DELETE FROM quotes WHERE article_id = :article_id AND source = 'extracted';

-- name: article_body_length(article_id)$
-- Length of an article body in code points (null when there is no such article).
SELECT char_length(body) FROM articles WHERE id = :article_id;

-- name: person_exists(id)$
SELECT EXISTS (SELECT 1 FROM people WHERE id = :id);

-- name: organization_exists(id)$
SELECT EXISTS (SELECT 1 FROM organizations WHERE id = :id);

-- name: manual_quotes_past(article_id, length)
-- Quotes entered by hand whose span ends past `length` (a shortened body).
SELECT id, start, "end" FROM quotes
WHERE article_id = :article_id AND source = 'manual' AND "end" > :length
ORDER BY start, id;
