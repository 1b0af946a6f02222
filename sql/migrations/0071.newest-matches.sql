-- The ids of the `n` newest rows (by a time column, then id) of a table with a `search`
-- tsvector that match a full-text query: the same rows as
--   SELECT id FROM <table> a WHERE a.search @@ q <filters> ORDER BY a.<at> DESC, a.id DESC
--   LIMIT n
-- at a cost that does not grow with the table. That plan walks the time index newest first
-- and reads each row's search vector until n match: cheap for a common word, but for a word
-- in 1 % of 1,000,000 articles it reads 20,000 rows (an article's vector is stored out of
-- line, several pages each).
-- Here a query the planner's statistics call common (>= 10 % of rows) still walks; a query
-- they expect few matches of (at most 5 n) takes all its matches from the full-text index at
-- once; any other is looked up in the full-text index and intersected with a window of the
-- newest rows (the newest 1 %, from the time column's histogram), widened at the rate of
-- matches seen until it holds n matches, or to all rows. A window with n matches holds the n
-- newest, so the result is exact whatever the statistics; they only decide the cost.
-- `filters` is SQL over the row `a` and `$2`, the jsonb `args` (written by the callers below,
-- never from input). VOLATILE because it asks the planner for its estimate (EXPLAIN); ROWS
-- 200, the n of every caller, so that callers join its ids by index.
-- depends: 0070.article-details-one-mentions-aggregate

CREATE OR REPLACE FUNCTION dossier_newest_matches(
  tbl regclass, at_column text, q tsquery, n integer, filters text, args jsonb)
RETURNS TABLE (id bigint) LANGUAGE plpgsql VOLATILE ROWS 200 AS $fn$
DECLARE
  plan json;
  estimate double precision;
  total double precision;
  bounds text[];
  share integer := 1;
  since text;
  found bigint[];
  k integer;
BEGIN
  SELECT c.reltuples INTO total FROM pg_class c WHERE c.oid = tbl;
  EXECUTE format('EXPLAIN (FORMAT JSON) SELECT 1 FROM %s a WHERE a.search @@ $1', tbl)
    INTO plan USING q;
  estimate := (plan -> 0 -> 'Plan' ->> 'Plan Rows')::double precision;
  IF estimate >= 0.1 * greatest(total, 1) THEN
    -- a common word: the newest rows hold n matches soon; walk them newest first
    RETURN QUERY EXECUTE format(
      'SELECT a.id FROM %s a WHERE a.search @@ $1 %s ORDER BY a.%I DESC, a.id DESC LIMIT $3',
      tbl, filters, at_column) USING q, args, n;
    RETURN;
  END IF;
  IF estimate > 5 * n THEN
    SELECT s.histogram_bounds::text::text[] INTO bounds
    FROM pg_stats s JOIN pg_class c ON c.relname = s.tablename
    JOIN pg_namespace ns ON ns.oid = c.relnamespace AND ns.nspname = s.schemaname
    WHERE c.oid = tbl AND s.attname = at_column;
  END IF;
  -- (a few estimated matches, or no statistics: all of them, by a bitmap, at once)
  since := bounds[cardinality(bounds) - share];
  LOOP
    -- the index's matches within the newest `share` percent of rows, by a bitmap (OFFSET 0
    -- keeps the planner from walking the time index and reading every row)
    EXECUTE format(
      'SELECT array_agg(m.id) FROM (SELECT s.id FROM (SELECT a.id, a.%1$I AS at FROM %2$s a'
      ' WHERE a.search @@ $1 AND ($4::text IS NULL OR a.%1$I >= $4::timestamptz) %3$s'
      ' OFFSET 0) s ORDER BY s.at DESC, s.id DESC LIMIT $3) m', at_column, tbl, filters)
      INTO found USING q, args, n, since;
    k := coalesce(cardinality(found), 0);
    IF k >= n OR since IS NULL THEN
      RETURN QUERY SELECT unnest(found);
      RETURN;
    END IF;
    -- wide enough for n matches at the rate seen, twice over; all when none were seen
    share := CASE WHEN k = 0 THEN 100 ELSE ceil(2.0 * n * share / k)::integer END;
    since := CASE WHEN share < cardinality(bounds) - 1
                  THEN bounds[cardinality(bounds) - share] END;
  END LOOP;
END
$fn$;

-- Articles with the filters of the article lists (NULL: not filtered).
CREATE OR REPLACE FUNCTION dossier_newest_article_matches(
  q tsquery, published_from timestamptz, published_to timestamptz, source_ text,
  language_ text, n integer)
RETURNS TABLE (id bigint) LANGUAGE sql VOLATILE ROWS 200 AS $fn$
  SELECT m.id FROM dossier_newest_matches('articles', 'sort_at', q, n,
    ' AND ($2->>''from'' IS NULL OR a.published_at >= ($2->>''from'')::timestamptz)'
    ' AND ($2->>''to'' IS NULL OR a.published_at < ($2->>''to'')::timestamptz)'
    ' AND ($2->>''from'' IS NULL OR a.sort_at >= ($2->>''from'')::timestamptz)'
    ' AND ($2->>''to'' IS NULL OR a.sort_at < ($2->>''to'')::timestamptz)'
    ' AND ($2->>''source'' IS NULL OR a.source = $2->>''source'')'
    ' AND ($2->>''language'' IS NULL OR a.language = $2->>''language'')',
    jsonb_build_object('from', published_from, 'to', published_to, 'source', source_,
                       'language', language_)) m
$fn$;

-- Quotes, newest first by creation.
CREATE OR REPLACE FUNCTION dossier_newest_quote_matches(q tsquery, n integer)
RETURNS TABLE (id bigint) LANGUAGE sql VOLATILE ROWS 200 AS $fn$
  SELECT m.id FROM dossier_newest_matches('quotes', 'created_at', q, n, '', '{}') m
$fn$;
