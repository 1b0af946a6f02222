-- People. List queries take `limit` = page size + 1 and continue after a keyset cursor.

-- name: match_person(name)^
-- The person whose name or an alias equals `name` (case- and accent-insensitive);
-- the oldest one if several.
SELECT * FROM people WHERE norm_names @> ARRAY[dossier_norm(:name)] ORDER BY id LIMIT 1;

-- name: insert_person(name, aliases, description, external_ids)$
INSERT INTO people (name, aliases, description, external_ids)
VALUES (:name, :aliases, :description, coalesce(:external_ids::jsonb, '{}'::jsonb))
RETURNING id;

-- name: add_person_aliases(id, aliases, description)!
-- Add aliases not yet known (compared in normal form) and fill in a missing description;
-- past the limit of 100 aliases, new ones are dropped rather than failing the ingest.
UPDATE people p
SET aliases = (p.aliases || ARRAY(
      SELECT DISTINCT ON (dossier_norm(a)) a FROM unnest(:aliases::text[]) AS a
      WHERE NOT (p.norm_names @> ARRAY[dossier_norm(a)])))[1 : 100],
    description = coalesce(p.description, :description)
WHERE p.id = :id;

-- name: get_person(id)^
SELECT id, name, aliases, description, external_ids, created_at, updated_at
FROM people WHERE id = :id;

-- name: lock_person(id)$
SELECT id FROM people WHERE id = :id FOR UPDATE;

-- name: update_person(id, name, aliases, description, external_ids)!
UPDATE people
SET name = :name, aliases = :aliases, description = :description, external_ids = :external_ids
WHERE id = :id;

-- name: delete_person(id)!
DELETE FROM people WHERE id = :id;

-- name: list_people_by_name(q, organization_id, after_name, after_id, limit)
-- Alphabetical (`name`); keyset on (name, id), index people_name_idx. With `organization_id`
-- the organization's people are read first (an init plan over affiliations_organization_idx),
-- so the cost follows the organization's size, not the table's (an OR'ed EXISTS would not be
-- planned as a join).
SELECT id, name, aliases, description, external_ids, created_at, updated_at
FROM people p
WHERE (:q::text IS NULL OR dossier_norm(:q) <%% p.names_text)
  AND (:organization_id::bigint IS NULL OR p.id = ANY (ARRAY(
        SELECT a.person_id FROM affiliations a WHERE a.organization_id = :organization_id)))
  AND (:after_name::text IS NULL OR (p.name, p.id) > (:after_name, :after_id::bigint))
ORDER BY p.name, p.id
LIMIT :limit;

-- name: list_people_by_name_desc(q, organization_id, after_name, after_id, limit)
-- Reverse alphabetical (`-name`); the same index read backwards.
SELECT id, name, aliases, description, external_ids, created_at, updated_at
FROM people p
WHERE (:q::text IS NULL OR dossier_norm(:q) <%% p.names_text)
  AND (:organization_id::bigint IS NULL OR p.id = ANY (ARRAY(
        SELECT a.person_id FROM affiliations a WHERE a.organization_id = :organization_id)))
  AND (:after_name::text IS NULL OR (p.name, p.id) < (:after_name, :after_id::bigint))
ORDER BY p.name DESC, p.id DESC
LIMIT :limit;

-- name: list_people_oldest(q, organization_id, after_at, after_id, limit)
-- Oldest first (`created_at`); keyset on (created_at, id).
SELECT id, name, aliases, description, external_ids, created_at, updated_at
FROM people p
WHERE (:q::text IS NULL OR dossier_norm(:q) <%% p.names_text)
  AND (:organization_id::bigint IS NULL OR p.id = ANY (ARRAY(
        SELECT a.person_id FROM affiliations a WHERE a.organization_id = :organization_id)))
  AND (:after_at::timestamptz IS NULL OR (p.created_at, p.id) > (:after_at, :after_id::bigint))
ORDER BY p.created_at, p.id
LIMIT :limit;

-- name: list_people_newest(q, organization_id, after_at, after_id, limit)
-- Newest first (`-created_at`); keyset on (created_at, id).
SELECT id, name, aliases, description, external_ids, created_at, updated_at
FROM people p
WHERE (:q::text IS NULL OR dossier_norm(:q) <%% p.names_text)
  AND (:organization_id::bigint IS NULL OR p.id = ANY (ARRAY(
        SELECT a.person_id FROM affiliations a WHERE a.organization_id = :organization_id)))
  AND (:after_at::timestamptz IS NULL OR (p.created_at, p.id) < (:after_at, :after_id::bigint))
ORDER BY p.created_at DESC, p.id DESC
LIMIT :limit;

-- name: search_people(q, organization_id, after_score, after_id, limit)
-- Name search over name and aliases: accents and case ignored, typos tolerated (trigram word
-- similarity, GIN-indexed through `<%`); best match first, keyset on (score, id).
WITH matches AS (
  SELECT p.id, p.name, p.aliases, p.description, p.external_ids, p.created_at, p.updated_at,
         word_similarity(dossier_norm(:q), p.names_text) AS score
  FROM people p
  WHERE dossier_norm(:q) <%% p.names_text
    AND (:organization_id::bigint IS NULL OR p.id = ANY (ARRAY(
        SELECT a.person_id FROM affiliations a WHERE a.organization_id = :organization_id)))
)
SELECT * FROM matches
WHERE (:after_score::real IS NULL OR (score, id) < (:after_score::real, :after_id::bigint))
ORDER BY score DESC, id DESC
LIMIT :limit;

-- name: list_person_affiliations(person_id, after_id, limit)
SELECT a.id, a.role, a.article_id, a.source, a.created_at,
       json_build_object('id', p.id, 'name', p.name) AS person,
       json_build_object('id', o.id, 'name', o.name) AS organization
FROM affiliations a
JOIN people p ON p.id = a.person_id
JOIN organizations o ON o.id = a.organization_id
WHERE a.person_id = :person_id AND (:after_id::bigint IS NULL OR a.id > :after_id)
ORDER BY a.id
LIMIT :limit;

-- name: list_person_articles(person_id, after_at, after_id, limit)
-- Articles that mention the person, newest first (publication date, else creation date), with
-- the number of mentions in each; keyset on (sort_at, id). The semi-join lets the planner walk
-- articles_sort_at_idx for a frequently named person, or its mentions for a rare one.
SELECT a.id, a.url, a.title, a.source, a.published_at, a.sort_at,
       (SELECT count(*) FROM mentions c
        WHERE c.article_id = a.id AND c.person_id = :person_id) AS mentions
FROM articles a
WHERE EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id AND m.person_id = :person_id)
  AND (:after_at::timestamptz IS NULL OR (a.sort_at, a.id) < (:after_at, :after_id::bigint))
ORDER BY a.sort_at DESC, a.id DESC
LIMIT :limit;

-- name: person_co_mentions(person_id, after_articles, after_type, after_id, limit)
-- People and organizations named in the articles that name this person, by the number of
-- such articles (most first); keyset on (articles desc, type, id).
-- Counted over the mentions of those articles alone (one index range per article), then cut
-- to the page before names are read: no scan of all people or organizations.
WITH mine AS (
  SELECT DISTINCT article_id FROM mentions WHERE person_id = :person_id
),
counted AS (
  SELECT CASE WHEN m.person_id IS NOT NULL THEN 'person' ELSE 'organization' END AS type,
         coalesce(m.person_id, m.organization_id) AS id,
         count(DISTINCT m.article_id) AS articles
  FROM mine JOIN mentions m ON m.article_id = mine.article_id
  WHERE m.person_id IS DISTINCT FROM :person_id
  GROUP BY 1, 2
),
page AS (
  SELECT * FROM counted
  WHERE (:after_articles::bigint IS NULL
         OR (-articles, type, id) > (-:after_articles::bigint, :after_type::text, :after_id::bigint))
  ORDER BY articles DESC, type, id
  LIMIT :limit
)
SELECT page.type, page.id, coalesce(p.name, o.name) AS name, page.articles
FROM page
LEFT JOIN people p ON page.type = 'person' AND p.id = page.id
LEFT JOIN organizations o ON page.type = 'organization' AND o.id = page.id
ORDER BY page.articles DESC, page.type, page.id;

-- name: person_timeline(person_id, interval, date_from, date_to)
-- Mentions, quotes and articles per period (the article's publication date, or its creation
-- date when unknown), oldest first.
WITH mentioned AS (
  SELECT date_trunc(:interval, a.sort_at) AS period, count(*) AS mentions,
         array_agg(DISTINCT a.id) AS article_ids
  FROM mentions m JOIN articles a ON a.id = m.article_id
  WHERE m.person_id = :person_id
    AND (:date_from::date IS NULL OR a.sort_at >= :date_from::date)
    AND (:date_to::date IS NULL OR a.sort_at < :date_to::date + 1)
  GROUP BY 1
), quoted AS (
  SELECT date_trunc(:interval, a.sort_at) AS period, count(*) AS quotes,
         array_agg(DISTINCT a.id) AS article_ids
  FROM quotes q JOIN articles a ON a.id = q.article_id
  WHERE q.speaker_person_id = :person_id
    AND (:date_from::date IS NULL OR a.sort_at >= :date_from::date)
    AND (:date_to::date IS NULL OR a.sort_at < :date_to::date + 1)
  GROUP BY 1
)
SELECT (coalesce(m.period, q.period) AT TIME ZONE 'UTC')::date AS period_start,
       coalesce(m.mentions, 0) AS mentions, coalesce(q.quotes, 0) AS quotes,
       (SELECT count(DISTINCT x) FROM unnest(coalesce(m.article_ids, '{}')
                                              || coalesce(q.article_ids, '{}')) AS x) AS articles
FROM mentioned m FULL JOIN quoted q ON q.period = m.period
ORDER BY 1;

-- name: lock_people_pair(a, b)
-- Lock two people in id order (no deadlock between concurrent merges).
SELECT id FROM people WHERE id IN (:a, :b) ORDER BY id FOR UPDATE;

-- name: merge_person_names(survivor_id, duplicate_id)!
-- The survivor takes the duplicate's name and aliases as aliases, its external ids (its own
-- win on conflict) and its description when it has none.
UPDATE people s
SET aliases = s.aliases || ARRAY(
      SELECT DISTINCT n FROM unnest(array_prepend(d.name, d.aliases)) AS n
      WHERE NOT (s.norm_names @> ARRAY[dossier_norm(n)])),
    external_ids = d.external_ids || s.external_ids,
    description = coalesce(s.description, d.description)
FROM people d
WHERE s.id = :survivor_id AND d.id = :duplicate_id;

-- name: merge_person_mentions(survivor_id, duplicate_id)!
UPDATE mentions m SET person_id = :survivor_id
WHERE m.person_id = :duplicate_id AND NOT EXISTS (
  SELECT 1 FROM mentions s
  WHERE s.person_id = :survivor_id AND s.article_id = m.article_id
    AND s.start = m.start AND s."end" = m."end");

-- name: merge_person_quotes(survivor_id, duplicate_id)!
UPDATE quotes SET speaker_person_id = :survivor_id WHERE speaker_person_id = :duplicate_id;

-- name: merge_person_affiliations(survivor_id, duplicate_id)!
UPDATE affiliations a SET person_id = :survivor_id
WHERE a.person_id = :duplicate_id AND NOT EXISTS (
  SELECT 1 FROM affiliations s
  WHERE s.person_id = :survivor_id AND s.organization_id = a.organization_id
    AND s.role IS NOT DISTINCT FROM a.role AND s.article_id IS NOT DISTINCT FROM a.article_id);

-- name: speaker_refs(ids)
-- The people embedded as quote speakers with `include=speaker`.
SELECT id, 'person' AS type, name, description, updated_at
FROM people WHERE id = ANY (:ids::bigint[]);
