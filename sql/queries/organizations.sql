-- Organizations. List queries take `limit` = page size + 1 and continue after a keyset cursor.

-- name: match_organization(name)^
-- The organization whose name or an alias equals `name` (case- and accent-insensitive).
SELECT * FROM organizations WHERE norm_names @> ARRAY[dossier_norm(:name)] ORDER BY id LIMIT 1;

-- name: insert_organization(name, aliases, kind, parent_id, external_ids)$
INSERT INTO organizations (name, aliases, kind, parent_id, external_ids)
VALUES (:name, :aliases, coalesce(:kind, 'other'), :parent_id,
        coalesce(:external_ids::jsonb, '{}'::jsonb))
RETURNING id;

-- name: add_organization_aliases(id, aliases, parent_id)!
-- Add aliases not yet known (at most 100 in all) and fill in a missing parent.
UPDATE organizations o
SET aliases = (o.aliases || ARRAY(
      SELECT DISTINCT ON (dossier_norm(a)) a FROM unnest(:aliases::text[]) AS a
      WHERE NOT (o.norm_names @> ARRAY[dossier_norm(a)])))[1 : 100],
    parent_id = coalesce(o.parent_id, :parent_id)
WHERE o.id = :id;

-- name: get_organization(id)^
SELECT id, name, aliases, kind, parent_id, external_ids, created_at, updated_at
FROM organizations WHERE id = :id;

-- name: lock_organization(id)$
SELECT id FROM organizations WHERE id = :id FOR UPDATE;

-- name: update_organization(id, name, aliases, kind, parent_id, external_ids)!
UPDATE organizations
SET name = :name, aliases = :aliases, kind = :kind, parent_id = :parent_id,
    external_ids = :external_ids
WHERE id = :id;

-- name: delete_organization(id)!
DELETE FROM organizations WHERE id = :id;

-- name: lock_hierarchy()$
-- Serialize changes to the parent hierarchy until the transaction ends, so that two concurrent
-- updates cannot together make a cycle that neither makes alone.
SELECT 1 FROM pg_advisory_xact_lock(hashtext('dossier.organizations.hierarchy'));

-- name: is_descendant(id, ancestor_id)$
-- Whether `id` is `ancestor_id` or lies below it in the parent hierarchy.
WITH RECURSIVE up AS (
  SELECT id, parent_id, 1 AS depth FROM organizations WHERE id = :id
  UNION ALL
  SELECT o.id, o.parent_id, up.depth + 1
  FROM organizations o JOIN up ON o.id = up.parent_id
  WHERE up.depth < 1000
)
SELECT EXISTS (SELECT 1 FROM up WHERE id = :ancestor_id);

-- name: list_organizations_by_name(q, kind, parent_id, after_name, after_id, limit)
-- Alphabetical (`name`); keyset on (name, id): indexes (name, id), (kind, name, id),
-- (parent_id, name, id).
SELECT id, name, aliases, kind, parent_id, external_ids, created_at, updated_at
FROM organizations o
WHERE (:q::text IS NULL OR dossier_norm(:q) <%% o.names_text)
  AND (:kind::text IS NULL OR o.kind = :kind)
  AND (:parent_id::bigint IS NULL OR o.parent_id = :parent_id)
  AND (:after_name::text IS NULL OR (o.name, o.id) > (:after_name, :after_id::bigint))
ORDER BY o.name, o.id
LIMIT :limit;

-- name: list_organizations_by_name_desc(q, kind, parent_id, after_name, after_id, limit)
-- Reverse alphabetical (`-name`); the same indexes read backwards.
SELECT id, name, aliases, kind, parent_id, external_ids, created_at, updated_at
FROM organizations o
WHERE (:q::text IS NULL OR dossier_norm(:q) <%% o.names_text)
  AND (:kind::text IS NULL OR o.kind = :kind)
  AND (:parent_id::bigint IS NULL OR o.parent_id = :parent_id)
  AND (:after_name::text IS NULL OR (o.name, o.id) < (:after_name, :after_id::bigint))
ORDER BY o.name DESC, o.id DESC
LIMIT :limit;

-- name: list_organizations_oldest(q, kind, parent_id, after_at, after_id, limit)
-- Oldest first (`created_at`); keyset on (created_at, id).
SELECT id, name, aliases, kind, parent_id, external_ids, created_at, updated_at
FROM organizations o
WHERE (:q::text IS NULL OR dossier_norm(:q) <%% o.names_text)
  AND (:kind::text IS NULL OR o.kind = :kind)
  AND (:parent_id::bigint IS NULL OR o.parent_id = :parent_id)
  AND (:after_at::timestamptz IS NULL OR (o.created_at, o.id) > (:after_at, :after_id::bigint))
ORDER BY o.created_at, o.id
LIMIT :limit;

-- name: list_organizations_newest(q, kind, parent_id, after_at, after_id, limit)
-- Newest first (`-created_at`); keyset on (created_at, id).
SELECT id, name, aliases, kind, parent_id, external_ids, created_at, updated_at
FROM organizations o
WHERE (:q::text IS NULL OR dossier_norm(:q) <%% o.names_text)
  AND (:kind::text IS NULL OR o.kind = :kind)
  AND (:parent_id::bigint IS NULL OR o.parent_id = :parent_id)
  AND (:after_at::timestamptz IS NULL OR (o.created_at, o.id) < (:after_at, :after_id::bigint))
ORDER BY o.created_at DESC, o.id DESC
LIMIT :limit;

-- name: search_organizations(q, kind, parent_id, after_score, after_id, limit)
-- Name search over name and aliases (accents, case and typos tolerated); best match first.
WITH matches AS (
  SELECT o.id, o.name, o.aliases, o.kind, o.parent_id, o.external_ids, o.created_at,
         o.updated_at, word_similarity(dossier_norm(:q), o.names_text) AS score
  FROM organizations o
  WHERE dossier_norm(:q) <%% o.names_text
    AND (:kind::text IS NULL OR o.kind = :kind)
    AND (:parent_id::bigint IS NULL OR o.parent_id = :parent_id)
)
SELECT * FROM matches
WHERE (:after_score::real IS NULL OR (score, id) < (:after_score::real, :after_id::bigint))
ORDER BY score DESC, id DESC
LIMIT :limit;

-- name: list_organization_people(organization_id, after_id, limit)
-- The organization's affiliations: who holds which role, from which article.
SELECT a.id, a.role, a.article_id, a.source, a.created_at,
       json_build_object('id', p.id, 'name', p.name) AS person,
       json_build_object('id', o.id, 'name', o.name) AS organization
FROM affiliations a
JOIN people p ON p.id = a.person_id
JOIN organizations o ON o.id = a.organization_id
WHERE a.organization_id = :organization_id AND (:after_id::bigint IS NULL OR a.id > :after_id)
ORDER BY a.id
LIMIT :limit;

-- name: list_organization_articles(organization_id, after_at, after_id, limit)
-- Articles that mention the organization, newest first (publication date, else creation
-- date), with the number of mentions in each; keyset on (sort_at, id). The semi-join lets the
-- planner walk articles_sort_at_idx for a frequently named organization, or its mentions for
-- a rare one.
SELECT a.id, a.url, a.title, a.source, a.published_at, a.sort_at,
       (SELECT count(*) FROM mentions c
        WHERE c.article_id = a.id AND c.organization_id = :organization_id) AS mentions
FROM articles a
WHERE EXISTS (SELECT 1 FROM mentions m
              WHERE m.article_id = a.id AND m.organization_id = :organization_id)
  AND (:after_at::timestamptz IS NULL OR (a.sort_at, a.id) < (:after_at, :after_id::bigint))
ORDER BY a.sort_at DESC, a.id DESC
LIMIT :limit;

-- name: organization_co_mentions(organization_id, after_articles, after_type, after_id, limit)
-- People and organizations named in the articles that name this organization, by the number
-- of such articles (most first); keyset on (articles desc, type, id).
-- Counted over the mentions of those articles alone (one index range per article), then cut
-- to the page before names are read: no scan of all people or organizations.
WITH mine AS (
  SELECT DISTINCT article_id FROM mentions WHERE organization_id = :organization_id
),
counted AS (
  SELECT CASE WHEN m.person_id IS NOT NULL THEN 'person' ELSE 'organization' END AS type,
         coalesce(m.person_id, m.organization_id) AS id,
         count(DISTINCT m.article_id) AS articles
  FROM mine JOIN mentions m ON m.article_id = mine.article_id
  WHERE m.organization_id IS DISTINCT FROM :organization_id
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

-- name: organization_timeline(organization_id, interval, date_from, date_to)
-- Mentions, quotes and articles per period, oldest first.
WITH mentioned AS (
  SELECT date_trunc(:interval, a.sort_at) AS period, count(*) AS mentions,
         array_agg(DISTINCT a.id) AS article_ids
  FROM mentions m JOIN articles a ON a.id = m.article_id
  WHERE m.organization_id = :organization_id
    AND (:date_from::date IS NULL OR a.sort_at >= :date_from::date)
    AND (:date_to::date IS NULL OR a.sort_at < :date_to::date + 1)
  GROUP BY 1
), quoted AS (
  SELECT date_trunc(:interval, a.sort_at) AS period, count(*) AS quotes,
         array_agg(DISTINCT a.id) AS article_ids
  FROM quotes q JOIN articles a ON a.id = q.article_id
  WHERE q.speaker_organization_id = :organization_id
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

-- name: lock_organizations_pair(a, b)
SELECT id FROM organizations WHERE id IN (:a, :b) ORDER BY id FOR UPDATE;

-- name: merge_organization_names(survivor_id, duplicate_id)!
UPDATE organizations s
SET aliases = s.aliases || ARRAY(
      SELECT DISTINCT n FROM unnest(array_prepend(d.name, d.aliases)) AS n
      WHERE NOT (s.norm_names @> ARRAY[dossier_norm(n)])),
    external_ids = d.external_ids || s.external_ids
FROM organizations d
WHERE s.id = :survivor_id AND d.id = :duplicate_id;

-- name: merge_organization_hierarchy(survivor_id, duplicate_id)!
-- Children of the duplicate move to the survivor; a survivor that lay below the duplicate
-- takes the duplicate's parent, so that no cycle can form.
UPDATE organizations o
SET parent_id = CASE
      WHEN o.id = :survivor_id THEN
        (SELECT CASE WHEN d.parent_id = :survivor_id THEN NULL ELSE d.parent_id END
         FROM organizations d WHERE d.id = :duplicate_id)
      ELSE :survivor_id END
WHERE o.parent_id = :duplicate_id
   OR (o.id = :survivor_id AND (WITH RECURSIVE up AS (
         SELECT id, parent_id, 1 AS depth FROM organizations WHERE id = :survivor_id
         UNION ALL
         SELECT x.id, x.parent_id, up.depth + 1 FROM organizations x
         JOIN up ON x.id = up.parent_id WHERE up.depth < 1000)
       SELECT EXISTS (SELECT 1 FROM up WHERE id = :duplicate_id)));

-- name: merge_organization_mentions(survivor_id, duplicate_id)!
UPDATE mentions m SET organization_id = :survivor_id
WHERE m.organization_id = :duplicate_id AND NOT EXISTS (
  SELECT 1 FROM mentions s
  WHERE s.organization_id = :survivor_id AND s.article_id = m.article_id
    AND s.start = m.start AND s."end" = m."end");

-- name: merge_organization_quotes(survivor_id, duplicate_id)!
UPDATE quotes SET speaker_organization_id = :survivor_id
WHERE speaker_organization_id = :duplicate_id;

-- name: merge_organization_affiliations(survivor_id, duplicate_id)!
UPDATE affiliations a SET organization_id = :survivor_id
WHERE a.organization_id = :duplicate_id AND NOT EXISTS (
  SELECT 1 FROM affiliations s
  WHERE s.organization_id = :survivor_id AND s.person_id = a.person_id
    AND s.role IS NOT DISTINCT FROM a.role AND s.article_id IS NOT DISTINCT FROM a.article_id);

-- name: speaker_refs(ids)
-- The organizations embedded as quote speakers with `include=speaker`.
SELECT id, 'organization' AS type, name, NULL::text AS description, updated_at
FROM organizations WHERE id = ANY (:ids::bigint[]);
