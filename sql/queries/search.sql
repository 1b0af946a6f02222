-- Search across articles and quotes (full text, ts_rank) and people and organizations
-- (trigram word similarity of the query to their names and aliases, 0-1), best first.
-- Bounded like article relevance: the 200 newest matching articles, the 200 newest matching
-- quotes and the 200 best-matching people and organizations are ranked, then cut to one page
-- (keyset on (rank, type, id)), so the cost does not grow with the number of matches; the
-- newest matches are found by dossier_newest_matches (migration 0071).
-- Highlights are computed for that page only, from the title and the first 3,000 characters
-- of an article's body (a match further down gives the start of the article, unmarked); they
-- are HTML-escaped text with <mark>...</mark>.

-- name: search(q, want_articles, want_quotes, want_people, want_organizations, after_rank, after_type, after_id, limit)
WITH article_hits AS MATERIALIZED (
  SELECT m.id
  FROM dossier_newest_article_matches(websearch_to_tsquery('english', :q),
                                      NULL, NULL, NULL, NULL, 200) m
  WHERE :want_articles::boolean
),
quote_hits AS MATERIALIZED (
  SELECT qu.id, ts_rank(qu.search, websearch_to_tsquery('english', :q)) AS rank
  FROM dossier_newest_quote_matches(websearch_to_tsquery('english', :q), 200) m
  JOIN quotes qu ON qu.id = m.id
  WHERE :want_quotes::boolean
),
name_hits AS MATERIALIZED (
  (SELECT 'person'::text AS type, pe.id, word_similarity(dossier_norm(:q), pe.names_text) AS rank
   FROM people pe
   WHERE :want_people::boolean AND dossier_norm(:q) <%% pe.names_text
   ORDER BY 3 DESC, pe.id DESC
   LIMIT 200)
  UNION ALL
  (SELECT 'organization', o.id, word_similarity(dossier_norm(:q), o.names_text)
   FROM organizations o
   WHERE :want_organizations::boolean AND dossier_norm(:q) <%% o.names_text
   ORDER BY 3 DESC, o.id DESC
   LIMIT 200)
),
hits AS (
  SELECT 'article'::text AS type, a.id,
         ts_rank(a.search, websearch_to_tsquery('english', :q)) AS rank
  FROM article_hits h JOIN articles a ON a.id = h.id
  UNION ALL
  SELECT 'quote', id, rank FROM quote_hits
  UNION ALL
  SELECT type, id, rank FROM name_hits
),
page AS (
  SELECT h.type, h.id, h.rank
  FROM hits h
  WHERE :after_rank::real IS NULL
     OR (h.rank, h.type, h.id) < (:after_rank::real, :after_type::text, :after_id::bigint)
  ORDER BY h.rank DESC, h.type DESC, h.id DESC
  LIMIT :limit
)
SELECT pg.type, pg.id, pg.rank,
       coalesce(a.title, left(qu.text, 200), pe.name, o.name) AS title_or_name,
       coalesce(a.id, qu.article_id) AS article_id,
       CASE pg.type
         WHEN 'article' THEN ts_headline(
           'english', dossier_html_escape(a.title || E'\n' || left(a.body, 3000)),
           websearch_to_tsquery('english', :q),
           'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=10, MaxFragments=2, '
           'FragmentDelimiter=" … "')
         WHEN 'quote' THEN ts_headline(
           'english', dossier_html_escape(qu.text), websearch_to_tsquery('english', :q),
           'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=10, MaxFragments=2, '
           'FragmentDelimiter=" … "')
         ELSE '<mark>' || dossier_html_escape(coalesce(pe.name, o.name)) || '</mark>'
       END AS highlight
FROM page pg
LEFT JOIN articles a ON pg.type = 'article' AND a.id = pg.id
LEFT JOIN quotes qu ON pg.type = 'quote' AND qu.id = pg.id
LEFT JOIN people pe ON pg.type = 'person' AND pe.id = pg.id
LEFT JOIN organizations o ON pg.type = 'organization' AND o.id = pg.id
ORDER BY pg.rank DESC, pg.type DESC, pg.id DESC;
