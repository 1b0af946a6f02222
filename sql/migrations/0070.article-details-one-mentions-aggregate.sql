-- The counts of people and organizations of an article in one aggregate over its mentions:
-- one range of the (article_id, ...) unique index per article, whatever the number of
-- articles. (Two subqueries with `person_id IS NOT NULL` / `organization_id IS NOT NULL`
-- let PostgreSQL 18 plan the organization count as a skip scan over the partial index
-- (organization_id, article_id), whose cost grows with the number of organizations.)
-- depends: 0022.position-indexes

CREATE OR REPLACE VIEW article_details AS
SELECT a.id, a.url, a.title, a.body, a.source, a.authors, a.language, a.published_at,
       a.created_at, a.updated_at, a.extractor_version, a.extracted_at, a.sort_at,
       c.people_count, c.organizations_count,
       (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes_count,
       (SELECT count(*) FROM financial_figures f WHERE f.article_id = a.id)
         AS financial_figures_count
FROM articles a
CROSS JOIN LATERAL (
  SELECT count(DISTINCT m.person_id) AS people_count,
         count(DISTINCT m.organization_id) AS organizations_count
  FROM mentions m WHERE m.article_id = a.id
) c;
