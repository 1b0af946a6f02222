-- An organization and every organization below it (children, their children, ...), as the
-- `speaker_affiliation_id` filter of the quote lists reads it.
-- depends: 0022.position-indexes

CREATE FUNCTION dossier_organization_tree(root bigint) RETURNS SETOF bigint
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH RECURSIVE tree (id) AS (
    SELECT id FROM organizations WHERE id = root
    UNION
    SELECT o.id FROM organizations o JOIN tree t ON o.parent_id = t.id
  )
  SELECT id FROM tree
$$;
