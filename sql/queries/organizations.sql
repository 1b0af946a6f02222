-- Organizations.

-- name: match_organization(name)^
-- The organization whose name or an alias equals `name` (case- and accent-insensitive).
SELECT * FROM organizations WHERE norm_names @> ARRAY[dossier_norm(:name)] ORDER BY id LIMIT 1;

-- name: insert_organization(name, aliases, kind, parent_id, external_ids)$
INSERT INTO organizations (name, aliases, kind, parent_id, external_ids)
VALUES (:name, :aliases, coalesce(:kind, 'other'), :parent_id,
        coalesce(:external_ids::jsonb, '{}'::jsonb))
RETURNING id;

-- name: add_organization_aliases(id, aliases, parent_id)!
-- Add aliases not yet known and fill in a missing parent.
UPDATE organizations o
SET aliases = o.aliases || ARRAY(
      SELECT DISTINCT a FROM unnest(:aliases::text[]) AS a
      WHERE NOT (o.norm_names @> ARRAY[dossier_norm(a)])),
    parent_id = coalesce(o.parent_id, :parent_id)
WHERE o.id = :id;
