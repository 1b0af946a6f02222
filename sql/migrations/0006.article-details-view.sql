-- Articles with the counts of their metadata, as served by the API.
-- depends: 0005.api-keys

CREATE VIEW article_details AS
SELECT a.id, a.url, a.title, a.body, a.source, a.authors, a.language, a.published_at,
       a.created_at, a.updated_at, a.extractor_version, a.extracted_at, a.sort_at,
       (SELECT count(DISTINCT m.person_id) FROM mentions m
         WHERE m.article_id = a.id AND m.person_id IS NOT NULL) AS people_count,
       (SELECT count(DISTINCT m.organization_id) FROM mentions m
         WHERE m.article_id = a.id AND m.organization_id IS NOT NULL) AS organizations_count,
       (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes_count,
       (SELECT count(*) FROM financial_figures f WHERE f.article_id = a.id)
         AS financial_figures_count
FROM articles a;
