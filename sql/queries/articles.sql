-- Articles. List queries take `limit` = page size + 1 and continue after a keyset cursor.

-- name: list_articles_newest(q, published_from, published_to, source, language, with_body, after_at, after_id, limit)
-- Newest first (publication date, creation date when unknown); keyset on (sort_at, id): a
-- backward range of articles_sort_at_idx, the counts of the page's rows only. The columns
-- are those of the article_details view; `body` is NULL unless `with_body`.
SELECT a.id, a.url, a.title, CASE WHEN :with_body::boolean THEN a.body END AS body,
       a.source, a.authors, a.language, a.published_at, a.created_at, a.updated_at,
       a.extractor_version, a.extracted_at, a.sort_at,
       c.people_count, c.organizations_count,
       (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes_count,
       (SELECT count(*) FROM financial_figures f WHERE f.article_id = a.id)
         AS financial_figures_count
FROM articles a
CROSS JOIN LATERAL (SELECT count(DISTINCT m.person_id) AS people_count,
                           count(DISTINCT m.organization_id) AS organizations_count
                    FROM mentions m WHERE m.article_id = a.id) c
WHERE (:q::text IS NULL OR a.search @@ websearch_to_tsquery('english', :q))
  AND (:published_from::timestamptz IS NULL OR a.published_at >= :published_from)
  AND (:published_to::timestamptz IS NULL OR a.published_at < :published_to)
  -- implied by the two above (sort_at is published_at when that is set), and an index
  -- range of articles_sort_at_idx instead of a filter over the newer articles
  AND (:published_from::timestamptz IS NULL OR a.sort_at >= :published_from)
  AND (:published_to::timestamptz IS NULL OR a.sort_at < :published_to)
  AND (:source::text IS NULL OR a.source = :source)
  AND (:language::text IS NULL OR a.language = :language)
  AND (:after_at::timestamptz IS NULL OR (a.sort_at, a.id) < (:after_at, :after_id::bigint))
ORDER BY a.sort_at DESC, a.id DESC
LIMIT :limit;

-- name: list_articles_oldest(q, published_from, published_to, source, language, with_body, after_at, after_id, limit)
-- Oldest first; keyset on (sort_at, id).
SELECT a.id, a.url, a.title, CASE WHEN :with_body::boolean THEN a.body END AS body,
       a.source, a.authors, a.language, a.published_at, a.created_at, a.updated_at,
       a.extractor_version, a.extracted_at, a.sort_at,
       c.people_count, c.organizations_count,
       (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes_count,
       (SELECT count(*) FROM financial_figures f WHERE f.article_id = a.id)
         AS financial_figures_count
FROM articles a
CROSS JOIN LATERAL (SELECT count(DISTINCT m.person_id) AS people_count,
                           count(DISTINCT m.organization_id) AS organizations_count
                    FROM mentions m WHERE m.article_id = a.id) c
WHERE (:q::text IS NULL OR a.search @@ websearch_to_tsquery('english', :q))
  AND (:published_from::timestamptz IS NULL OR a.published_at >= :published_from)
  AND (:published_to::timestamptz IS NULL OR a.published_at < :published_to)
  -- implied by the two above (sort_at is published_at when that is set), and an index
  -- range of articles_sort_at_idx instead of a filter over the newer articles
  AND (:published_from::timestamptz IS NULL OR a.sort_at >= :published_from)
  AND (:published_to::timestamptz IS NULL OR a.sort_at < :published_to)
  AND (:source::text IS NULL OR a.source = :source)
  AND (:language::text IS NULL OR a.language = :language)
  AND (:after_at::timestamptz IS NULL OR (a.sort_at, a.id) > (:after_at, :after_id::bigint))
ORDER BY a.sort_at ASC, a.id ASC
LIMIT :limit;

-- name: list_articles_relevance(q, published_from, published_to, source, language, with_body, after_rank, after_id, limit)
-- Full-text matches, best first (ts_rank, title weighted above body); keyset on (rank, id).
-- Ranking is bounded: it ranks the 200 newest matches (by sort_at, id), so its cost does
-- not grow with the number of matching articles; older matches are reached with a date
-- filter or `sort=-published_at`. dossier_newest_article_matches finds those 200 by the
-- full-text index within a window of the newest articles (migration 0071).
WITH candidates AS MATERIALIZED (
  SELECT m.id
  FROM dossier_newest_article_matches(websearch_to_tsquery('english', :q),
                                      :published_from, :published_to, :source, :language,
                                      200) m
),
ranked AS MATERIALIZED (
  SELECT a.id, ts_rank(a.search, websearch_to_tsquery('english', :q)) AS rank
  FROM candidates JOIN articles a USING (id)
),
page AS (
  SELECT r.id, r.rank FROM ranked r
  WHERE (:after_rank::real IS NULL OR (r.rank, r.id) < (:after_rank::real, :after_id::bigint))
  ORDER BY r.rank DESC, r.id DESC
  LIMIT :limit
)
SELECT a.id, a.url, a.title, CASE WHEN :with_body::boolean THEN a.body END AS body,
       a.source, a.authors, a.language, a.published_at, a.created_at, a.updated_at,
       a.extractor_version, a.extracted_at, a.sort_at,
       c.people_count, c.organizations_count,
       (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes_count,
       (SELECT count(*) FROM financial_figures f WHERE f.article_id = a.id)
         AS financial_figures_count, p.rank
FROM page p
JOIN articles a ON a.id = p.id
CROSS JOIN LATERAL (SELECT count(DISTINCT m.person_id) AS people_count,
                           count(DISTINCT m.organization_id) AS organizations_count
                    FROM mentions m WHERE m.article_id = a.id) c
ORDER BY p.rank DESC, a.id DESC;

-- name: get_article(id)^
SELECT * FROM article_details WHERE id = :id;

-- name: lock_article(id)$
-- Lock the article row for the rest of the transaction (concurrent writers wait).
SELECT id FROM articles WHERE id = :id FOR UPDATE;

-- name: find_article_by_url(url)$
SELECT id FROM articles WHERE url = :url;

-- name: find_article_by_content(body)$
SELECT id FROM articles WHERE content_hash = md5(:body) AND body = :body LIMIT 1;

-- name: insert_article(url, title, body, source, authors, language, published_at)$
INSERT INTO articles (url, title, body, source, authors, language, published_at)
VALUES (:url, :title, :body, :source, :authors, :language, :published_at)
RETURNING id;

-- name: update_article(id, url, title, body, source, authors, language, published_at)!
UPDATE articles
SET url = :url, title = :title, body = :body, source = :source, authors = :authors,
    language = :language, published_at = :published_at
WHERE id = :id;

-- name: mark_extracted(id, extractor_version)!
UPDATE articles SET extractor_version = :extractor_version, extracted_at = now()
WHERE id = :id;

-- name: delete_article(id)!
DELETE FROM articles WHERE id = :id;

-- name: count_articles()$
SELECT count(*) FROM articles;

-- name: stale_article_ids(version)
-- Articles whose metadata came from another extractor version.
SELECT id FROM articles
WHERE extractor_version IS NOT NULL AND extractor_version <> :version
ORDER BY id;

-- name: article_refs(ids)
-- The articles embedded in quotes and figures with `include=article`; `updated_at` is
-- their version, for the ETag of what embeds them.
SELECT id, title, source, published_at, updated_at FROM articles WHERE id = ANY (:ids::bigint[]);
