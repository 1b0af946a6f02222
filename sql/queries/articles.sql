-- Articles. List queries take `limit` = page size + 1 and continue after a keyset cursor.

-- name: list_articles_newest(q, published_from, published_to, source, language, after_at, after_id, limit)
-- Newest first (publication date, creation date when unknown); keyset on (sort_at, id).
SELECT *
FROM article_details a
WHERE (:q::text IS NULL OR a.id IN (SELECT s.id FROM articles s
                                    WHERE s.search @@ websearch_to_tsquery('english', :q)))
  AND (:published_from::timestamptz IS NULL OR a.published_at >= :published_from)
  AND (:published_to::timestamptz IS NULL OR a.published_at < :published_to)
  AND (:source::text IS NULL OR a.source = :source)
  AND (:language::text IS NULL OR a.language = :language)
  AND (:after_at::timestamptz IS NULL OR (a.sort_at, a.id) < (:after_at, :after_id::bigint))
ORDER BY a.sort_at DESC, a.id DESC
LIMIT :limit;

-- name: list_articles_oldest(q, published_from, published_to, source, language, after_at, after_id, limit)
-- Oldest first; keyset on (sort_at, id).
SELECT *
FROM article_details a
WHERE (:q::text IS NULL OR a.id IN (SELECT s.id FROM articles s
                                    WHERE s.search @@ websearch_to_tsquery('english', :q)))
  AND (:published_from::timestamptz IS NULL OR a.published_at >= :published_from)
  AND (:published_to::timestamptz IS NULL OR a.published_at < :published_to)
  AND (:source::text IS NULL OR a.source = :source)
  AND (:language::text IS NULL OR a.language = :language)
  AND (:after_at::timestamptz IS NULL OR (a.sort_at, a.id) > (:after_at, :after_id::bigint))
ORDER BY a.sort_at ASC, a.id ASC
LIMIT :limit;

-- name: list_articles_relevance(q, published_from, published_to, source, language, after_rank, after_id, limit)
-- Full-text matches, best first (ts_rank over title weighted above body); keyset on (rank, id).
WITH matches AS (
  SELECT s.id, ts_rank(s.search, websearch_to_tsquery('english', :q)) AS rank
  FROM articles s
  WHERE s.search @@ websearch_to_tsquery('english', :q)
    AND (:published_from::timestamptz IS NULL OR s.published_at >= :published_from)
    AND (:published_to::timestamptz IS NULL OR s.published_at < :published_to)
    AND (:source::text IS NULL OR s.source = :source)
    AND (:language::text IS NULL OR s.language = :language)
)
SELECT a.*, m.rank
FROM matches m JOIN article_details a ON a.id = m.id
WHERE (:after_rank::real IS NULL OR (m.rank, a.id) < (:after_rank::real, :after_id::bigint))
ORDER BY m.rank DESC, a.id DESC
LIMIT :limit;

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
