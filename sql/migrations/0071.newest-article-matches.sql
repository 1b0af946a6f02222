-- The ids of the `n` newest articles (by sort_at, id) that match a full-text query, with the
-- optional filters of the article lists: the same rows as
--   SELECT id FROM articles WHERE search @@ q AND <filters> ORDER BY sort_at DESC, id DESC
--   LIMIT n
-- at a cost that does not grow with the table. That plan walks the time index newest first
-- and reads each article's search vector (out of line, several pages) until n match: cheap
-- for a common word, but for a word in 1 % of 1,000,000 articles it reads 20,000 rows.
-- Here a word the planner's statistics call common (>= 10 % of articles) still walks; a
-- query they expect few matches of (at most 5 n) takes all its matches from the full-text
-- index at once; any other is looked up in the full-text index and intersected with a window
-- of the newest articles (the newest 1 %, from sort_at's histogram), widened at the rate of
-- matches seen until it holds n matches, or to all articles. A window with n matches holds the n newest,
-- so the result is exact whatever the statistics; they only decide the cost.
-- VOLATILE because it asks the planner for its estimate (EXPLAIN).
-- depends: 0070.article-details-one-mentions-aggregate

CREATE OR REPLACE FUNCTION dossier_newest_article_matches(
  q tsquery, published_from timestamptz, published_to timestamptz, source_ text,
  language_ text, n integer)
RETURNS TABLE (id bigint) LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
  filters CONSTANT text :=
       ' AND ($2::timestamptz IS NULL OR a.published_at >= $2)'
    || ' AND ($3::timestamptz IS NULL OR a.published_at < $3)'
    || ' AND ($2::timestamptz IS NULL OR a.sort_at >= $2)'
    || ' AND ($3::timestamptz IS NULL OR a.sort_at < $3)'
    || ' AND ($4::text IS NULL OR a.source = $4)'
    || ' AND ($5::text IS NULL OR a.language = $5)';
  plan json;
  estimate double precision;
  total double precision;
  bounds timestamptz[];
  share integer := 1;
  since timestamptz;
  found bigint[];
  k integer;
BEGIN
  SELECT c.reltuples INTO total FROM pg_class c WHERE c.oid = 'articles'::regclass;
  EXECUTE 'EXPLAIN (FORMAT JSON) SELECT 1 FROM articles a WHERE a.search @@ $1' INTO plan
    USING q;
  estimate := (plan -> 0 -> 'Plan' ->> 'Plan Rows')::double precision;
  IF estimate >= 0.1 * greatest(total, 1) THEN
    -- a common word: the newest articles hold n matches soon; walk them newest first
    RETURN QUERY EXECUTE 'SELECT a.id FROM articles a WHERE a.search @@ $1' || filters
      || ' ORDER BY a.sort_at DESC, a.id DESC LIMIT $6'
      USING q, published_from, published_to, source_, language_, n;
    RETURN;
  END IF;
  IF estimate > 5 * n THEN
    SELECT s.histogram_bounds::text::timestamptz[] INTO bounds FROM pg_stats s
    WHERE s.schemaname = current_schema() AND s.tablename = 'articles'
      AND s.attname = 'sort_at';
  END IF;
  -- (a few estimated matches, or no statistics: all of them, by a bitmap, at once)
  since := coalesce(bounds[cardinality(bounds) - share], '-infinity');
  LOOP
    -- the index's matches within the newest `share` percent of articles, by a bitmap
    -- (OFFSET 0 keeps the planner from walking the time index and reading every row)
    EXECUTE 'SELECT array_agg(m.id) FROM (SELECT s.id FROM (SELECT a.id, a.sort_at'
      || ' FROM articles a WHERE a.search @@ $1 AND a.sort_at >= $7' || filters
      || ' OFFSET 0) s ORDER BY s.sort_at DESC, s.id DESC LIMIT $6) m'
      INTO found USING q, published_from, published_to, source_, language_, n, since;
    k := coalesce(cardinality(found), 0);
    IF k >= n OR since = '-infinity' THEN
      RETURN QUERY SELECT unnest(found);
      RETURN;
    END IF;
    -- wide enough for n matches at the rate seen, twice over; all when none were seen
    share := CASE WHEN k = 0 THEN 100 ELSE ceil(2.0 * n * share / k)::integer END;
    since := coalesce(CASE WHEN share < cardinality(bounds) - 1
                           THEN bounds[cardinality(bounds) - share] END, '-infinity');
  END LOOP;
END
$fn$;
