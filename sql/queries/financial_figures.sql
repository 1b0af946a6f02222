-- Financial figures. List queries take `limit` = page size + 1 and continue after a keyset
-- cursor; optional filters are `(:x IS NULL OR ...)`, folded away by the planner when unset.
-- A currency implies kind = 'money' (a CHECK), spelled out so the (kind, currency, value, id)
-- index serves currency filters.

-- name: list_figures_newest(article_id, kind, currency, min_value, max_value, person_id, organization_id, published_from, published_to, after_at, after_id, limit)
-- Newest first; keyset on (created_at, id).
SELECT f.id, f.article_id, f.kind, f.value, f.currency, f.text, f.measures, f.sentence, f.start,
       f."end", f.related_figure_id, f.method, f.confidence, f.source, f.created_at,
       f.updated_at
FROM financial_figures f
WHERE (:article_id::bigint IS NULL OR f.article_id = :article_id)
  AND (:kind::text IS NULL OR f.kind = :kind)
  AND (:currency::char(3) IS NULL OR (f.kind = 'money' AND f.currency = :currency::char(3)))
  AND (:min_value::numeric IS NULL OR f.value >= :min_value::numeric)
  AND (:max_value::numeric IS NULL OR f.value <= :max_value::numeric)
  AND (:person_id::bigint IS NULL
       OR f.article_id IN (SELECT m.article_id FROM mentions m WHERE m.person_id = :person_id))
  AND (:organization_id::bigint IS NULL
       OR f.article_id IN (SELECT m.article_id FROM mentions m
                           WHERE m.organization_id = :organization_id))
  AND (:published_from::timestamptz IS NULL AND :published_to::timestamptz IS NULL
       OR EXISTS (SELECT 1 FROM articles a
                  WHERE a.id = f.article_id
                    AND (:published_from::timestamptz IS NULL OR a.published_at >= :published_from)
                    AND (:published_to::timestamptz IS NULL OR a.published_at < :published_to)))
  AND (:after_at::timestamptz IS NULL OR (f.created_at, f.id) < (:after_at, :after_id::bigint))
ORDER BY f.created_at DESC, f.id DESC
LIMIT :limit;

-- name: list_figures_oldest(article_id, kind, currency, min_value, max_value, person_id, organization_id, published_from, published_to, after_at, after_id, limit)
-- Oldest first; keyset on (created_at, id).
SELECT f.id, f.article_id, f.kind, f.value, f.currency, f.text, f.measures, f.sentence, f.start,
       f."end", f.related_figure_id, f.method, f.confidence, f.source, f.created_at,
       f.updated_at
FROM financial_figures f
WHERE (:article_id::bigint IS NULL OR f.article_id = :article_id)
  AND (:kind::text IS NULL OR f.kind = :kind)
  AND (:currency::char(3) IS NULL OR (f.kind = 'money' AND f.currency = :currency::char(3)))
  AND (:min_value::numeric IS NULL OR f.value >= :min_value::numeric)
  AND (:max_value::numeric IS NULL OR f.value <= :max_value::numeric)
  AND (:person_id::bigint IS NULL
       OR f.article_id IN (SELECT m.article_id FROM mentions m WHERE m.person_id = :person_id))
  AND (:organization_id::bigint IS NULL
       OR f.article_id IN (SELECT m.article_id FROM mentions m
                           WHERE m.organization_id = :organization_id))
  AND (:published_from::timestamptz IS NULL AND :published_to::timestamptz IS NULL
       OR EXISTS (SELECT 1 FROM articles a
                  WHERE a.id = f.article_id
                    AND (:published_from::timestamptz IS NULL OR a.published_at >= :published_from)
                    AND (:published_to::timestamptz IS NULL OR a.published_at < :published_to)))
  AND (:after_at::timestamptz IS NULL OR (f.created_at, f.id) > (:after_at, :after_id::bigint))
ORDER BY f.created_at ASC, f.id ASC
LIMIT :limit;

-- name: list_figures_value_asc(article_id, kind, currency, min_value, max_value, person_id, organization_id, published_from, published_to, after_value, after_id, limit)
-- Smallest value first; keyset on (value, id).
SELECT f.id, f.article_id, f.kind, f.value, f.currency, f.text, f.measures, f.sentence, f.start,
       f."end", f.related_figure_id, f.method, f.confidence, f.source, f.created_at,
       f.updated_at
FROM financial_figures f
WHERE (:article_id::bigint IS NULL OR f.article_id = :article_id)
  AND (:kind::text IS NULL OR f.kind = :kind)
  AND (:currency::char(3) IS NULL OR (f.kind = 'money' AND f.currency = :currency::char(3)))
  AND (:min_value::numeric IS NULL OR f.value >= :min_value::numeric)
  AND (:max_value::numeric IS NULL OR f.value <= :max_value::numeric)
  AND (:person_id::bigint IS NULL
       OR f.article_id IN (SELECT m.article_id FROM mentions m WHERE m.person_id = :person_id))
  AND (:organization_id::bigint IS NULL
       OR f.article_id IN (SELECT m.article_id FROM mentions m
                           WHERE m.organization_id = :organization_id))
  AND (:published_from::timestamptz IS NULL AND :published_to::timestamptz IS NULL
       OR EXISTS (SELECT 1 FROM articles a
                  WHERE a.id = f.article_id
                    AND (:published_from::timestamptz IS NULL OR a.published_at >= :published_from)
                    AND (:published_to::timestamptz IS NULL OR a.published_at < :published_to)))
  AND (:after_value::numeric IS NULL
       OR (f.value, f.id) > (:after_value::numeric, :after_id::bigint))
ORDER BY f.value ASC, f.id ASC
LIMIT :limit;

-- name: list_figures_value_desc(article_id, kind, currency, min_value, max_value, person_id, organization_id, published_from, published_to, after_value, after_id, limit)
-- Largest value first; keyset on (value, id).
SELECT f.id, f.article_id, f.kind, f.value, f.currency, f.text, f.measures, f.sentence, f.start,
       f."end", f.related_figure_id, f.method, f.confidence, f.source, f.created_at,
       f.updated_at
FROM financial_figures f
WHERE (:article_id::bigint IS NULL OR f.article_id = :article_id)
  AND (:kind::text IS NULL OR f.kind = :kind)
  AND (:currency::char(3) IS NULL OR (f.kind = 'money' AND f.currency = :currency::char(3)))
  AND (:min_value::numeric IS NULL OR f.value >= :min_value::numeric)
  AND (:max_value::numeric IS NULL OR f.value <= :max_value::numeric)
  AND (:person_id::bigint IS NULL
       OR f.article_id IN (SELECT m.article_id FROM mentions m WHERE m.person_id = :person_id))
  AND (:organization_id::bigint IS NULL
       OR f.article_id IN (SELECT m.article_id FROM mentions m
                           WHERE m.organization_id = :organization_id))
  AND (:published_from::timestamptz IS NULL AND :published_to::timestamptz IS NULL
       OR EXISTS (SELECT 1 FROM articles a
                  WHERE a.id = f.article_id
                    AND (:published_from::timestamptz IS NULL OR a.published_at >= :published_from)
                    AND (:published_to::timestamptz IS NULL OR a.published_at < :published_to)))
  AND (:after_value::numeric IS NULL
       OR (f.value, f.id) < (:after_value::numeric, :after_id::bigint))
ORDER BY f.value DESC, f.id DESC
LIMIT :limit;

-- name: list_figures_position(article_id, kind, currency, min_value, max_value, person_id, organization_id, published_from, published_to, after_article, after_pos, after_id, limit)
-- By article, then order of appearance in its body (figures without a span last); keyset on
-- (article_id, start, id).
SELECT f.id, f.article_id, f.kind, f.value, f.currency, f.text, f.measures, f.sentence, f.start,
       f."end", f.related_figure_id, f.method, f.confidence, f.source, f.created_at,
       f.updated_at
FROM financial_figures f
WHERE (:article_id::bigint IS NULL OR f.article_id = :article_id)
  AND (:kind::text IS NULL OR f.kind = :kind)
  AND (:currency::char(3) IS NULL OR (f.kind = 'money' AND f.currency = :currency::char(3)))
  AND (:min_value::numeric IS NULL OR f.value >= :min_value::numeric)
  AND (:max_value::numeric IS NULL OR f.value <= :max_value::numeric)
  AND (:person_id::bigint IS NULL
       OR f.article_id IN (SELECT m.article_id FROM mentions m WHERE m.person_id = :person_id))
  AND (:organization_id::bigint IS NULL
       OR f.article_id IN (SELECT m.article_id FROM mentions m
                           WHERE m.organization_id = :organization_id))
  AND (:published_from::timestamptz IS NULL AND :published_to::timestamptz IS NULL
       OR EXISTS (SELECT 1 FROM articles a
                  WHERE a.id = f.article_id
                    AND (:published_from::timestamptz IS NULL OR a.published_at >= :published_from)
                    AND (:published_to::timestamptz IS NULL OR a.published_at < :published_to)))
  AND (:after_article::bigint IS NULL
       OR (f.article_id, coalesce(f.start, 2147483647), f.id)
          > (:after_article, :after_pos::integer, :after_id::bigint))
ORDER BY f.article_id, coalesce(f.start, 2147483647), f.id
LIMIT :limit;

-- name: figures_for_article(article_id)
-- All figures of an article in order of appearance.
SELECT f.id, f.article_id, f.kind, f.value, f.currency, f.text, f.measures, f.sentence, f.start,
       f."end", f.related_figure_id, f.method, f.confidence, f.source, f.created_at,
       f.updated_at
FROM financial_figures f
WHERE f.article_id = :article_id
ORDER BY coalesce(f.start, 2147483647), f.id;

-- name: get_figure(id)^
SELECT f.id, f.article_id, f.kind, f.value, f.currency, f.text, f.measures, f.sentence, f.start,
       f."end", f.related_figure_id, f.method, f.confidence, f.source, f.created_at,
       f.updated_at
FROM financial_figures f
WHERE f.id = :id;

-- name: lock_figure(id)$
-- Lock the figure for the rest of the transaction (concurrent writers wait).
SELECT id FROM financial_figures WHERE id = :id FOR UPDATE;

-- name: insert_figure(article_id, kind, value, currency, text, measures, sentence, start, end, related_figure_id, method, confidence, source)$
INSERT INTO financial_figures (article_id, kind, value, currency, text, measures, sentence,
                               start, "end", related_figure_id, method, confidence, source)
VALUES (:article_id, :kind, :value, :currency, :text, :measures, :sentence,
        :start, :end, :related_figure_id, :method, :confidence, :source)
RETURNING id;

-- name: update_figure(id, kind, value, currency, text, measures, sentence, start, end, related_figure_id, method, confidence)!
UPDATE financial_figures
SET kind = :kind, value = :value, currency = :currency, text = :text, measures = :measures,
    sentence = :sentence, start = :start, "end" = :end, related_figure_id = :related_figure_id,
    method = :method, confidence = :confidence
WHERE id = :id;

-- name: delete_figure(id)!
DELETE FROM financial_figures WHERE id = :id;

-- name: delete_extracted_figures(article_id)!
DELETE FROM financial_figures WHERE article_id = :article_id AND source = 'extracted';

-- name: set_related_figure(id, related_figure_id)!
UPDATE financial_figures SET related_figure_id = :related_figure_id WHERE id = :id;

-- name: figure_article_id(id)$
-- The article of a figure (null when there is no such figure).
SELECT article_id FROM financial_figures WHERE id = :id;

-- name: article_body_length(article_id)$
-- Length of an article body in code points (null when there is no such article).
SELECT char_length(body) FROM articles WHERE id = :article_id;

-- name: currency_exists(code)$
SELECT EXISTS (SELECT 1 FROM currencies WHERE code = :code::char(3));

-- name: manual_figures_past(article_id, length)
-- Figures entered by hand whose span ends past `length` (a shortened body).
SELECT id, start, "end" FROM financial_figures
WHERE article_id = :article_id AND source = 'manual' AND "end" > :length
ORDER BY start, id;
