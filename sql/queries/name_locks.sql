-- Transaction-scoped advisory locks on normalised names, so that concurrent ingests of the
-- same new person or organization serialise on the name instead of creating it twice.

-- name: lock_names(people, organizations)^
-- One lock per distinct normal form (namespace 1: people, 2: organizations), taken in one
-- global order (namespace, hash) so that two transactions never wait on each other in a
-- cycle. The sorted subquery is not flattened (it has ORDER BY), so the locks are taken in
-- its order.
SELECT count(pg_advisory_xact_lock(ns, h)) AS locks FROM (
  SELECT DISTINCT ns, hashtext(dossier_norm(n)) AS h
  FROM (SELECT 1 AS ns, n FROM unnest(:people::text[]) AS n
        UNION ALL
        SELECT 2, n FROM unnest(:organizations::text[]) AS n) AS names
  WHERE dossier_norm(n) <> ''
  ORDER BY ns, h
) AS sorted;
